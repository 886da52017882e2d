"""Generic mutations of bytes, text lines and scalar values, all driven by one random.Random
so that a case is reproducible from its seed."""

import random

# Values that have broken parsers and allocators before: limits of 32/64-bit integers, their
# halves (which overflow when doubled), floats that overflow Float32, NaN and infinities, and
# values of the wrong type.
HOSTILE_NUMBERS = [
    "0", "-1", "1", "2", "-2147483648", "2147483647", "2147483648", "4294967296",
    "9223372036854775807", "-9223372036854775808", "9223372036854775808", "4611686018427387904",
    "1000000000", "1e9", "1e30", "1e39", "-1e39", "1e308", "1e309", "nan", "NaN", ".nan", "inf",
    "-inf", ".inf", "-.inf", "0.0", "-0.0", "1e-45", "5e-324", "0x10", "1_000", "0.5", "-0.5",
]
HOSTILE_STRINGS = [
    "", " ", "~", "null", "true", "[]", "{}", "\"\"", "'", "\"", "\\", "x" * 5000, "é", "\u0000",
    "\ud7ff", "../../../../etc/passwd", "/dev/null", "/dev/zero", "/", "*a", "&a", "!!binary AAAA",
    "%", "@", "`", "|", ">", "- - -", "[[[[[[", "{a: {b: {c:", "\t", "?", ":",
]


def hostile_value(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(HOSTILE_NUMBERS)
    if roll < 0.85:
        return rng.choice(HOSTILE_STRINGS)
    if roll < 0.95:
        return str(rng.choice([-1, 1]) * rng.randrange(0, 1 << rng.choice([8, 16, 31, 32, 62, 63, 64])))
    return nested(rng, rng.choice([50, 500, 5000]))


def nested(rng: random.Random, depth: int) -> str:
    """A flow-style value `depth` levels deep: [[[...]]] or {a: {a: ...}}."""
    if rng.random() < 0.5:
        return "[" * depth + "1" + "]" * depth
    return "{a: " * depth + "1" + "}" * depth


def flip_bits(data: bytes, rng: random.Random, count: int | None = None, region: range | None = None) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    out = bytearray(data)
    region = region if region and len(region) > 0 else range(len(out))
    for _ in range(count or rng.choice([1, 1, 2, 4, 8, 32])):
        position = rng.choice(region)
        out[position] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)] if data else data


def splice(data: bytes, rng: random.Random) -> bytes:
    """Deletes, duplicates or overwrites a random chunk, or inserts random bytes."""
    if not data:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    start = rng.randrange(len(data))
    length = rng.randrange(1, max(2, min(len(data) - start, 4096)))
    chunk = data[start:start + length]
    choice = rng.randrange(4)
    if choice == 0:
        return data[:start] + data[start + length:]
    if choice == 1:
        at = rng.randrange(len(data) + 1)
        return data[:at] + chunk + data[at:]
    if choice == 2:
        junk = bytes(rng.randrange(256) for _ in range(length))
        return data[:start] + junk + data[start + length:]
    at = rng.randrange(len(data) + 1)
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 256))) + data[at:]


def random_bytes(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 7, 8, 9, 100, 5000])))


def mutate_bytes(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One of the byte-level mutations, with its name."""
    choice = rng.randrange(10)
    if choice < 4:
        return "bit flips", flip_bits(data, rng)
    if choice < 6:
        return "truncation", truncate(data, rng)
    if choice < 9:
        return "splice", splice(data, rng)
    return "random bytes", random_bytes(rng)


def mutate_lines(lines: list[str], rng: random.Random, protected: set[int] = frozenset()) -> tuple[str, list[str]]:
    """Deletes, duplicates, swaps or re-indents lines, never touching those in `protected`."""
    free = [i for i in range(len(lines)) if i not in protected]
    if not free:
        return "none", lines
    lines = list(lines)
    i = rng.choice(free)
    choice = rng.randrange(5)
    if choice == 0:
        del lines[i]
        return "line deleted", lines
    if choice == 1:
        lines.insert(i, lines[i])
        return "line duplicated", lines
    if choice == 2:
        j = rng.choice(free)
        lines[i], lines[j] = lines[j], lines[i]
        return "lines swapped", lines
    if choice == 3:
        lines[i] = " " * rng.choice([1, 3, 8]) + lines[i]
        return "line indented", lines
    lines[i] = lines[i].lstrip()
    return "line dedented", lines
