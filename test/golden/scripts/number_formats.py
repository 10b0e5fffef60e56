"""Golden Python number formatting: repr, str.format specs, round() and % formatting of floats
and ints, from CPython 3.11. Run with /usr/bin/python3; writes number-formats.json (read by
test/script/number-formats.test.ts). Deterministic: a fixed seed."""
import json
import pathlib
import random
import struct

HERE = pathlib.Path(__file__).resolve().parent
rng = random.Random(20261126)

floats = [0.0, -0.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e-5, 1e-4, 1e16, 1e15, 1e22, 1e-7, 5e-324,
          1.7976931348623157e308, 2.5, 0.5, 1.5, -2.5, 0.125, 2.675, 1.005, 123456789.0, 0.1 + 0.2,
          9.999999999999999e15, 1e100, 123.456, 0.000123456, 1234567.891, float("inf"), float("-inf"), float("nan")]
for _ in range(400):
    bits = rng.getrandbits(64)
    x = struct.unpack("<d", struct.pack("<Q", bits))[0]
    if x == x:
        floats.append(x)
for _ in range(400):
    floats.append(rng.uniform(-1000, 1000) * 10 ** rng.randint(-8, 8))
for _ in range(100):
    floats.append(rng.randint(-100000, 100000) / 8)

specs = ["", ".4f", ".2e", "g", ".3g", "10.3f", ".1%", "+.2f", "e", ".0f", ".10g", ",.2f", "<12.5g", "^9.2f", "015.4f"]
entries = []
for x in floats:
    entry = {"bits": struct.unpack("<Q", struct.pack("<d", x))[0].__str__(), "repr": repr(x)}
    entry["format"] = {s: format(x, s) for s in specs}
    if x == x and abs(x) != float("inf"):
        entry["round"] = {str(n): repr(round(x, n)) for n in (0, 1, 2, 3, 5, -1, -2)}
        entry["round0"] = str(round(x)) if abs(x) < 1e300 else None
        entry["percent"] = {"%.3f": "%.3f" % x, "%e": "%e" % x, "%g": "%g" % x, "%10.4f": "%10.4f" % x}
    entries.append(entry)

ints = [0, 1, -1, 255, -255, 10 ** 20, -(10 ** 25) + 7, 123456789] + [rng.randint(-10 ** 12, 10 ** 12) for _ in range(200)]
int_specs = ["", "d", "5d", "x", "#x", "X", "b", "#o", ",", "_", "+d", "08d", ".2f", "e", "%"]
int_entries = [{"value": str(n), "format": {s: format(n, s) for s in int_specs},
                "round": {str(k): str(round(n, k)) for k in (-1, -2, -3)}} for n in ints]
(HERE / "number-formats.json").write_text(json.dumps({"floats": entries, "ints": int_entries}) + "\n", encoding="utf-8")
print(len(entries), "floats,", len(int_entries), "ints")
