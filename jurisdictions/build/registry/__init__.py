"""The build of jurisdictions/data/divisions.csv.

`python -m jurisdictions.build.build_registry` runs main; see jurisdictions/data/README.md.
"""
