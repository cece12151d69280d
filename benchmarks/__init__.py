"""Benchmarks of the pipeline and the client, run by ``python3 noxfile.py -s bench``."""
