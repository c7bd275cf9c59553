"""Benchmarks of the platform (``make bench``): a large data set and timed requests.

Not part of the installed application: run from the repository root through
``manage.py bench`` (see ``scripts/bench.sh``). Results go to
``bench/results.json`` (not committed).
"""
