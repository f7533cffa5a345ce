"""`python -m eventcoder.cli`."""

from eventcoder.cli.app import main

main()
