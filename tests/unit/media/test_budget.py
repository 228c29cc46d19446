"""The byte-bounded cache that holds decoded pictures and pictures made ready for print."""

from __future__ import annotations

from handouts.media.budget import ByteBudget


def test_it_holds_no_more_bytes_than_its_limit_dropping_the_least_recently_used() -> None:
    cache: ByteBudget[str, bytes] = ByteBudget(10, len)
    cache.put("a", b"aaaa")
    cache.put("b", b"bbbb")
    assert cache.get("a") == b"aaaa"  # now used more recently than "b"
    cache.put("c", b"cccc")
    assert cache.bytes == 8 <= cache.limit
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == (b"aaaa", b"cccc")


def test_a_value_larger_than_the_whole_budget_is_returned_but_not_kept() -> None:
    cache: ByteBudget[str, bytes] = ByteBudget(10, len)
    cache.put("a", b"aaaa")
    assert cache.put("huge", b"x" * 11) == b"x" * 11
    assert cache.get("huge") is None
    assert cache.get("a") == b"aaaa" and cache.bytes == 4


def test_putting_a_key_again_replaces_its_cost() -> None:
    cache: ByteBudget[str, bytes] = ByteBudget(10, len)
    cache.put("a", b"aaaaaaaa")
    cache.put("a", b"aa")
    assert cache.bytes == 2 and len(cache) == 1
