"""Helpers shared by several test folders and the benchmarks: live servers and fault injection
for sync (``sync``, ``faults``, ``sync_model``), key-typing for the UI (``ui``), and the cached
large ward (``large_ward``). They hold no tests, so pytest does not collect them.
"""
