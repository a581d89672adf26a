"""`python -m bench`: the whole benchmark (see bench/run.py)."""

from bench.run import main

main()
