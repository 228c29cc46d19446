"""Compiled layout templates kept between runs, so a build does not compile its templates every time it starts.

Jinja compiles a template to Python bytecode on first use: about 60 ms each for the handout's and the poster's,
a large part of a one-routine build. As Python keeps a module's bytecode in `__pycache__` beside it, Jinja's
file cache keeps the shipped templates' in `__pycache__` beside them, keyed by each template's name, file and
text, and here by a fingerprint of the code that compiles it (this package's sandbox and Jinja's version), so
an edited template, sandbox or Jinja is compiled afresh. A clinic's own templates are compiled once per
process, as before (nothing is written outside the package), and a folder that cannot be read or written
(an installation only an administrator may change) is no cache, never an error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

COMPILER = Path(__file__).with_name("templating.py")  # the sandbox's code generator decides the bytecode


class _Unkept(Bucket):
    """The bucket of a template that is not kept between runs: never read, never written."""


class _ShippedOnly(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache for the templates in `shipped`; silent where its folder cannot be read or written."""

    def __init__(self, shipped: Path, pattern: str) -> None:
        super().__init__(str(shipped / "__pycache__"), pattern)
        self.shipped = shipped

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        if filename is None or Path(filename).parent != self.shipped:
            return _Unkept(environment, self.get_cache_key(name, filename), self.get_source_checksum(source))
        return super().get_bucket(environment, name, filename, source)

    def set_bucket(self, bucket: Bucket) -> None:
        if not isinstance(bucket, _Unkept):
            super().set_bucket(bucket)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            (self.shipped / "__pycache__").mkdir(exist_ok=True)
            super().dump_bytecode(bucket)


@functools.cache
def bytecode_cache(shipped: Path) -> jinja2.BytecodeCache | None:
    """The cache of the templates in folder `shipped`, shared by every environment of this process (None when
    the compiler's source cannot be read to fingerprint it)."""
    try:
        fingerprint = hashlib.sha1(COMPILER.read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
    except OSError:
        return None
    return _ShippedOnly(shipped, pattern=f"{fingerprint}-%s.cache")
