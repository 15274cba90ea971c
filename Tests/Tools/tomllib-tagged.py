#!/usr/bin/env python3
"""Parses each TOML document of a JSON list (stdin) with Python's tomllib, the reference that
TOMLDifferentialTests compares lobbyd's own TOML parser against, and prints a JSON list with one
entry per document: ["error", message] or the value, tagged by type so nothing is lost in JSON
(integers and floats as text, dates and times as their fields)."""
import datetime
import json
import sys
import tomllib


def tag(value):
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, str):
        return ["str", value]
    if isinstance(value, datetime.datetime):  # before date: a datetime is a date
        offset = value.utcoffset()
        minutes = None if offset is None else int(offset.total_seconds() // 60)
        fields = [value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond]
        return ["datetime", fields, minutes]
    if isinstance(value, datetime.date):
        return ["date", [value.year, value.month, value.day]]
    if isinstance(value, datetime.time):
        return ["time", [value.hour, value.minute, value.second, value.microsecond]]
    if isinstance(value, list):
        return ["array", [tag(element) for element in value]]
    if isinstance(value, dict):
        return ["table", {key: tag(element) for key, element in value.items()}]
    raise TypeError(type(value))


results = []
for document in json.load(sys.stdin):
    try:
        results.append(tag(tomllib.loads(document)))
    except tomllib.TOMLDecodeError as error:
        results.append(["error", str(error)])
json.dump(results, sys.stdout)
