"""Synthetic governments for demonstrations, benchmarks and load tests.

`duban demo --scale county|city|province` builds, from a seed, governments with
directories and users, plans read from generated notices by the real importer,
a year of obligations and reports with attachments, inspections and bulletins.
`names` and `notices` are framework-free; `build` writes through Django.
"""
