"""Benchmark cases: each module exposes ``run(ctx) -> list[dict]`` (see ``bench/run.py``)."""
