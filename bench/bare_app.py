"""The yardstick: a bare Flask app with one JSON route, served by the same gunicorn settings as
the service (bench/http_lookup.py)."""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/hello")
def hello():
    return jsonify({"hello": "world"})
