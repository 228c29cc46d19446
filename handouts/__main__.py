"""`python -m handouts ...` is the `handouts` command."""

from handouts.command import main

main()
