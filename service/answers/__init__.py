"""One answer for a location or a jurisdiction on a day (`build`, typed in `model`), and its
JSON form (`json`), shared by the pages, the API and the feeds.

May import `rules`, `jurisdictions` and the top-level modules; never `ingest`, `mail`, `web`
or `api`.
"""
