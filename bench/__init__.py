"""The benchmark: the portal served by gunicorn and loaded by wrk (see run.py and README)."""
