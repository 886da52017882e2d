"""One case of each input kind: a mutated file written into the case directory and the nmt
command line that reads it. Every case is made from its own random.Random, so a case is
reproducible from (seed, kind, index) alone."""

import hashlib
import json
import random
import struct
from dataclasses import dataclass, field
from pathlib import Path

import mutations as m

SENTENCES = b"the cat sees a dog .\nthe big red house .\n\na small tree runs and the dog sees the cat .\n"


@dataclass
class Case:
    arguments: list[str]
    stdin: bytes = SENTENCES
    mutation: str = ""
    files: list[str] = field(default_factory=list)

    def __post_init__(self):
        # A command line cannot carry NUL bytes.
        self.arguments = [argument.replace("\0", "") for argument in self.arguments]


# --- checkpoints -------------------------------------------------------------------------------

def split_safetensors(data: bytes):
    """(header dict, data section) of a safetensors file, or None if it does not parse."""
    if len(data) < 8:
        return None
    (length,) = struct.unpack("<Q", data[:8])
    try:
        return json.loads(data[8:8 + length]), data[8 + length:]
    except (ValueError, UnicodeDecodeError):
        return None


def join_safetensors(header: dict, body: bytes) -> bytes:
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + body


def hostile_json_value(rng: random.Random):
    roll = rng.random()
    if roll < 0.6:
        return rng.choice([0, -1, 1, 2, -2**31, 2**31, 2**32, 2**62, 2**63 - 1, -2**63, 10**9, 10**30,
                           1e39, -1e39, float("nan"), float("inf"), 0.5, -0.5, 1e-45])
    if roll < 0.8:
        return rng.choice(["", "x", "nan", "-1", "additive", "bpe", "char", "word", "dot", "zz" * 2000])
    if roll < 0.9:
        return rng.choice([None, True, False, [], {}, [1, 2], {"a": 1}])
    value = 1
    for _ in range(rng.choice([50, 5000])):
        value = [value]
    return value


def mutate_json_leaf(value, rng: random.Random):
    """`value` (parsed JSON) with one random leaf (or a whole member) replaced."""
    if isinstance(value, dict) and value and rng.random() < 0.9:
        key = rng.choice(sorted(value))
        if rng.random() < 0.1:
            del value[key]
        else:
            value[key] = mutate_json_leaf(value[key], rng)
        return value
    if isinstance(value, list) and value and rng.random() < 0.9:
        i = rng.randrange(len(value))
        value[i] = mutate_json_leaf(value[i], rng)
        return value
    return hostile_json_value(rng)


def mutate_vocabulary(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    choice = rng.randrange(6)
    if choice == 0:
        extra = rng.choice([1, 10, 2000, 200000])
        return text + "".join(f"extra{i}\n" for i in range(extra))
    if choice == 1 and len(lines) > 1:
        del lines[rng.randrange(len(lines))]
    elif choice == 2:
        lines = lines[: rng.randrange(len(lines) + 1)]
    elif choice == 3:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(["", "<pad>", "<unk>", "a b", lines[0]]))
    elif choice == 4:
        lines.reverse()
    else:
        return m.hostile_value(rng)
    return "\n".join(lines)


def mutate_metadata(header: dict, rng: random.Random) -> str:
    metadata = header.setdefault("__metadata__", {})
    if not metadata or rng.random() < 0.05:
        header["__metadata__"] = hostile_json_value(rng)
        return "metadata replaced"
    key = rng.choice(sorted(metadata))
    value = metadata[key]
    if rng.random() < 0.08:
        del metadata[key]
        return f"metadata {key} deleted"
    if key.endswith("vocabulary"):
        metadata[key] = mutate_vocabulary(value, rng)
        return f"metadata {key} edited"
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    if isinstance(parsed, (dict, list)):
        metadata[key] = json.dumps(mutate_json_leaf(parsed, rng))
        return f"metadata {key}: a JSON value edited"
    metadata[key] = m.hostile_value(rng) if rng.random() < 0.7 else m.mutate_bytes(value.encode(), rng)[1].decode("utf-8", "replace")
    return f"metadata {key} replaced"


def mutate_tensor_entry(header: dict, rng: random.Random) -> str:
    names = sorted(k for k in header if k != "__metadata__")
    if not names:
        return "no tensors"
    name = rng.choice(names)
    entry = header[name]
    choice = rng.randrange(6)
    if choice == 0:
        del header[name]
        return f"tensor {name} deleted"
    if choice == 1:
        entry["dtype"] = rng.choice(["F16", "F64", "I32", "BF16", "", "U8", 7])
    elif choice == 2:
        entry["shape"] = rng.choice([[], [0], [-1], [2**31, 2**31], [2**62], [1, 2, 3, 4, 5],
                                     [d * 2 for d in entry.get("shape", [1])], list(reversed(entry.get("shape", [])))])
    elif choice == 3:
        start, end = entry.get("data_offsets", [0, 0])
        entry["data_offsets"] = rng.choice([[end, start], [start, end + 4], [start - 4, end], [-8, end],
                                            [start, 2**63], [0, 0], [start + 1, end + 1]])
    elif choice == 4:
        header[name + ".copy"] = dict(entry)
    else:
        header[name] = hostile_json_value(rng)
    return f"tensor {name} entry edited"


def signed_as_version_1(header: dict, body: bytes) -> dict:
    """The header re-signed the way format version 1 files are (still read): `data_sha256` over
    the data section only, so that edited metadata reaches the loader's own checks instead of
    stopping at the version 2 checksum."""
    metadata = header.get("__metadata__")
    if isinstance(metadata, dict):
        metadata.pop("content_sha256", None)
        metadata["format_version"] = "1"
        metadata["data_sha256"] = hashlib.sha256(body).hexdigest()
    return header


def checkpoint_bytes(original: bytes, rng: random.Random) -> tuple[str, bytes]:
    roll = rng.random()
    parsed = split_safetensors(original)
    resign = rng.random() < 0.8
    if roll < 0.35 and parsed:
        header, body = parsed
        mutation = mutate_metadata(header, rng)
        if resign:
            header, mutation = signed_as_version_1(header, body), mutation + ", re-signed"
        return mutation, join_safetensors(header, body)
    if roll < 0.55 and parsed:
        header, body = parsed
        mutation = mutate_tensor_entry(header, rng)
        if resign:
            header, mutation = signed_as_version_1(header, body), mutation + ", re-signed"
        return mutation, join_safetensors(header, body)
    if roll < 0.62:
        value = rng.choice([0, 1, 7, 9, len(original), len(original) - 8, 2**31, 2**63 - 1, 2**64 - 1, 100_000_000])
        return "header length edited", struct.pack("<Q", value) + original[8:]
    if roll < 0.72 and parsed:
        (length,) = struct.unpack("<Q", original[:8])
        return "bit flips in the header", m.flip_bits(original, rng, region=range(8, 8 + length))
    if roll < 0.8 and parsed:
        (length,) = struct.unpack("<Q", original[:8])
        return "bit flips in the data", m.flip_bits(original, rng, region=range(8 + length, len(original)))
    return m.mutate_bytes(original, rng)


def checkpoint_case(rng: random.Random, case: Path, fixture: Path) -> Case:
    original = (fixture / "model.ckpt").read_bytes()
    mutation, data = checkpoint_bytes(original, rng)
    (case / "case.ckpt").write_bytes(data)
    roll = rng.random()
    if roll < 0.7:
        arguments = ["translate", "--checkpoint", "case.ckpt"] + rng.choice([[], ["--beam", "1"], ["--n-best", "2"]])
    elif roll < 0.8:
        arguments = ["evaluate", "--checkpoint", "case.ckpt", "--source", "../fixture/test.en", "--reference", "../fixture/test.de"]
    elif roll < 0.9:
        arguments = ["average", "--output", "average.ckpt", "case.ckpt", "../fixture/model.ckpt"]
    else:
        arguments = ["train", "--config", "../fixture/config.yaml", "--resume", "case.ckpt"]
    return Case(arguments, mutation=mutation, files=["case.ckpt"])


# --- configurations ----------------------------------------------------------------------------

# The run-time bounds of the fixture configuration: never edited, so a valid configuration
# always stops within seconds (a hang then means a real hang).
PROTECTED_KEYS = ("max_updates:", "max_minutes:", "epochs:")
# Values that are valid for some key: they make configurations that pass parsing and reach the
# cross-checks and training.
PLAUSIBLE_VALUES = ["1", "2", "3", "4", "16", "64", "0", "0.5", "0.99", "1.0e-3", "true", "false", "bpe", "char", "word",
                    "dot", "general", "scaled_dot", "additive", "inverse_sqrt", "constant", "plateau", "loss", "bleu",
                    "de", "en", "fr", "../fixture/test", "../fixture/valid", "run2"]


def config_text(original: str, rng: random.Random) -> tuple[str, bytes]:
    lines = original.splitlines()
    protected = {i for i, line in enumerate(lines) if line.strip().startswith(PROTECTED_KEYS)}
    roll = rng.random()
    if roll < 0.45:
        candidates = [i for i, line in enumerate(lines) if ":" in line and line.startswith("  ") and i not in protected]
        i = rng.choice(candidates)
        key = lines[i].split(":")[0]
        value = rng.choice(PLAUSIBLE_VALUES) if rng.random() < 0.35 else m.hostile_value(rng)
        lines[i] = f"{key}: {value}"
        return f"value of {key.strip()}", ("\n".join(lines) + "\n").encode()
    if roll < 0.6:
        mutation, lines = m.mutate_lines(lines, rng, protected)
        return mutation, ("\n".join(lines) + "\n").encode()
    if roll < 0.68:
        section = rng.choice(["model", "training", "data", "output", "translation", "nonsense"])
        extra = rng.choice([f"{section}:\n  extra_key: 1", f"  {section}_typo: 3", f"{section}: {m.nested(rng, rng.choice([100, 5000]))}",
                            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
                            "<<: *undefined", "--- !!python/object:os.system\n"])
        return "added text", (original + extra + "\n").encode()
    if roll < 0.72:
        return "huge file", (original + "# " + "x" * rng.choice([10_000, 2_000_000]) + "\n").encode()
    return m.mutate_bytes(original.encode(), rng)


def config_case(rng: random.Random, case: Path, fixture: Path) -> Case:
    name = rng.choice(["config.yaml", "config-bpe.yaml"])
    mutation, data = config_text((fixture / name).read_text(encoding="utf-8"), rng)
    (case / "case.yaml").write_bytes(data)
    return Case(["train", "--config", "case.yaml"], mutation=mutation, files=["case.yaml"])


# --- corpora -----------------------------------------------------------------------------------

def corpus_bytes(original: bytes, rng: random.Random) -> tuple[str, bytes]:
    roll = rng.random()
    lines = original.split(b"\n")
    if roll < 0.12:
        return "invalid UTF-8", m.flip_bits(original, rng, count=rng.choice([1, 3])) + b"\xff\xfe\xc3(\n"
    if roll < 0.22:
        return "empty", b""
    if roll < 0.3:
        return "only empty lines", b"\n" * len(lines)
    if roll < 0.38:
        words = rng.choice([1000, 20_000])
        return f"a line of {words} words", original + (b"the cat " * (words // 2)) + b"\n"
    if roll < 0.44:
        return "NUL, CR, tab and control bytes", original.replace(b" ", rng.choice([b"\x00", b"\r", b"\t", b"\x1b", b"\x0b", b" \xe2\x80\x8b "]))
    if roll < 0.52:
        return "lines deleted", b"\n".join(lines[: rng.randrange(len(lines))])
    if roll < 0.58:
        return "CRLF and no final newline", original.replace(b"\n", b"\r\n").rstrip(b"\n")
    if roll < 0.64:
        return "unicode oddities", "Ǆ ﬁ İ ß 𝔘 \u0301e \u202e ﷺ ‮ 😀 \ufeff .\n".encode() * 3 + original
    return m.mutate_bytes(original, rng)


def corpus_case(rng: random.Random, case: Path, fixture: Path) -> Case:
    side = rng.choice(["en", "de"])
    split = rng.choice(["train", "train", "valid", "test"])
    mutation, data = corpus_bytes((fixture / f"{split}.{side}").read_bytes(), rng)
    other = "de" if side == "en" else "en"
    if rng.random() < 0.04:
        (case / f"case.{side}").mkdir()
        mutation = "a directory"
    else:
        (case / f"case.{side}").write_bytes(data)
    (case / f"case.{other}").write_bytes((fixture / f"{split}.{other}").read_bytes())
    roll = rng.random()
    text = case / f"case.{side}"
    stdin = data if text.is_file() else b""
    if roll < 0.3:
        config = (fixture / rng.choice(["config.yaml", "config-bpe.yaml"])).read_text(encoding="utf-8")
        key = "train" if split == "train" or rng.random() < 0.5 else "valid"
        config = config.replace(f"  {key}: ../fixture/{key}", f"  {key}: case")
        (case / "case.yaml").write_text(config, encoding="utf-8")
        return Case(["train", "--config", "case.yaml"], mutation=f"{mutation} ({key}.{side})", files=["case.yaml", "case.en", "case.de"])
    if roll < 0.45:
        arguments = ["bleu", "--reference", f"case.{other}"] + rng.choice([[], ["--chrf"], ["--json", "--tokenize", "none"]])
    elif roll < 0.55:
        arguments = ["bleu", "--reference", f"case.{side}", "--chrf"]
        stdin = (fixture / f"{split}.{side}").read_bytes()
    elif roll < 0.65:
        arguments = ["tokenize", "--language", side] + rng.choice([[], ["--lowercase"], ["--detokenize"]])
    elif roll < 0.72:
        arguments = ["bpe", "learn", "--merges", str(rng.choice([0, 10, 1000])), "--input", f"case.{side}", "--output", "merges.txt"]
    elif roll < 0.8:
        arguments = ["bpe", "apply", "--merges", "../fixture/merges.txt"]
    elif roll < 0.9:
        arguments = ["translate", "--checkpoint", "../fixture/model.ckpt"] + rng.choice([[], ["--input", f"case.{side}"], ["--beam", "1"]])
    else:
        arguments = ["evaluate", "--checkpoint", "../fixture/model.ckpt", "--source", f"case.{side}", "--reference", f"case.{other}"]
    return Case(arguments, stdin=stdin, mutation=mutation, files=["case.en", "case.de"])


# --- command-line options ----------------------------------------------------------------------

INT, FLOAT, IN, OUT, CHECKPOINT, FLAG = "int", "float", "in", "out", "checkpoint", "flag"

# (option, kind of value, required); enumerations are tuples of values.
COMMANDS = {
    ("translate",): [("--checkpoint", CHECKPOINT, True), ("--beam", INT, False), ("--length-penalty", FLOAT, False),
                     ("--max-length-ratio", FLOAT, False), ("--batch-size", INT, False), ("--input", IN, False),
                     ("--output", OUT, False), ("--n-best", INT, False), ("--attention-svg", OUT, False),
                     ("--attention-line", INT, False)],
    ("evaluate",): [("--checkpoint", CHECKPOINT, True), ("--source", IN, True), ("--reference", IN, True),
                    ("--beam", INT, False), ("--length-penalty", FLOAT, False), ("--max-length-ratio", FLOAT, False),
                    ("--batch-size", INT, False), ("--tokenize", ("13a", "none", "intl", ""), False),
                    ("--json", FLAG, False), ("--output", OUT, False)],
    ("average",): [("--output", OUT, True)],
    ("bleu",): [("--reference", IN, True), ("--lowercase", FLAG, False), ("--tokenize", ("13a", "none", "zh"), False),
                ("--chrf", FLAG, False), ("--json", FLAG, False)],
    ("tokenize",): [("--language", ("en", "de", "fr", "xx", "", "EN"), True), ("--lowercase", FLAG, False),
                    ("--detokenize", FLAG, False)],
    ("bpe", "learn"): [("--merges", INT, True), ("--input", IN, True), ("--output", OUT, True), ("--min-frequency", INT, False)],
    ("bpe", "apply"): [("--merges", IN, True)],
    ("train",): [("--config", IN, True), ("--resume", CHECKPOINT, False), ("--overwrite", FLAG, False)],
    ("info",): [],
    (): [("--version", FLAG, False), ("--help", FLAG, False)],
}
GOOD = {IN: "../fixture/test.en", CHECKPOINT: "../fixture/model.ckpt", OUT: "out.txt"}
# Not /dev/zero as text input: an endless line is the input-line limit's business, not a crash.
PATHS = ["nonexistent.txt", ".", "/", "/dev/null", "/dev/full", "", "missing/dir/file", "../fixture/model.ckpt",
         "../fixture/test.en", "../fixture/merges.txt", "../fixture/config.yaml", "-", "--", "-h", "/proc/self/mem"]


def option_value(kind, option: str, rng: random.Random) -> str:
    if isinstance(kind, tuple):
        return rng.choice(kind) if rng.random() < 0.85 else m.hostile_value(rng)
    if kind in (INT, FLOAT):
        if rng.random() < 0.4:
            return str(rng.choice([1, 2, 3, 5, 10, 100]) if kind == INT else rng.choice([0.0, 0.5, 1.0, 2.0, 10.0]))
        return m.hostile_value(rng) if rng.random() < 0.8 else rng.choice(["-", "--beam", "1 2", "١", "+5", " 3"])
    if option == "--config" and rng.random() < 0.6:
        return "../fixture/config.yaml"
    if option == "--merges" and kind == IN and rng.random() < 0.6:
        return "../fixture/merges.txt"
    if rng.random() < 0.5:
        return GOOD[kind]
    path = rng.choice(PATHS + (["/dev/zero"] if kind == CHECKPOINT else []))
    # Never a file of the fixture as an output: other cases read it.
    return "out.txt" if kind == OUT and path.startswith("../fixture") else path


def options_case(rng: random.Random, case: Path, fixture: Path) -> Case:
    weights = [(c, 0.3 if c == ("train",) else 1.0) for c in COMMANDS]
    command = rng.choices([c for c, _ in weights], [w for _, w in weights])[0]
    arguments = list(command)
    for option, kind, required in COMMANDS[command]:
        if rng.random() < (0.92 if required else 0.35):
            if kind == FLAG:
                arguments.append(option)
            else:
                value = option_value(kind, option, rng)
                arguments += [f"{option}={value}"] if rng.random() < 0.15 else [option, value]
    if command == ("average",):
        arguments += rng.sample(["../fixture/model.ckpt", "../fixture/model.ckpt", "out.txt", "nonexistent.ckpt", "."], rng.randrange(4))
    roll = rng.random()
    if roll < 0.15:
        arguments.insert(rng.randrange(len(arguments) + 1), rng.choice(["--no-such-option", "-x", "--", "extra", "-h", "--help", "=", "--beam"]))
    elif roll < 0.2 and len(arguments) > 1:
        rng.shuffle(arguments)
    stdin = rng.choice([SENTENCES, b"", b"\xff\xfe\n", SENTENCES * 50])
    return Case(arguments, stdin=stdin, mutation="options")


BUILDERS = {"checkpoint": checkpoint_case, "config": config_case, "corpus": corpus_case, "options": options_case}
