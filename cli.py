"""`python cli.py ...` is the installed `handouts` command (the program lives in handouts/cli.py)."""

from handouts.command import main

if __name__ == "__main__":
    main()
