"""Reads an nmt checkpoint on its own terms, independently of nmt: the safetensors layout, the
format-2 content digest (see Sources/Checkpoint/CheckpointDigest.swift), finite values, and the
training state in its metadata."""
import hashlib
import json
import math
import struct

import numpy

RESERVED = {"format", "format_version", "data_sha256", "content_sha256"}


class Unreadable(Exception):
    pass


class Checkpoint:
    def __init__(self, path):
        self.path = path
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as error:
            raise Unreadable(f"{path}: {error}")
        if len(data) < 8:
            raise Unreadable(f"{path}: {len(data)} bytes, too short")
        (length,) = struct.unpack("<Q", data[:8])
        if 8 + length > len(data):
            raise Unreadable(f"{path}: header length {length} past the end")
        try:
            header = json.loads(data[8:8 + length])
        except ValueError as error:
            raise Unreadable(f"{path}: header is not JSON: {error}")
        metadata = header.pop("__metadata__", {})
        body = data[8 + length:]
        self.tensors = {}
        for name, info in header.items():
            begin, end = info["data_offsets"]
            if info["dtype"] != "F32" or end > len(body):
                raise Unreadable(f"{path}: tensor {name} is not F32 inside the file")
            self.tensors[name] = (info["shape"], body[begin:end])
        if metadata.get("format") != "nmt-checkpoint" or metadata.get("format_version") != "2":
            raise Unreadable(f"{path}: not an nmt-checkpoint of format version 2")
        self.metadata = {k: v for k, v in metadata.items() if k not in RESERVED}
        if self.digest() != metadata.get("content_sha256"):
            raise Unreadable(f"{path}: content_sha256 does not match the contents")
        for name, (_, raw) in self.tensors.items():
            if not numpy.isfinite(numpy.frombuffer(raw, dtype="<f4")).all():
                raise Unreadable(f"{path}: tensor {name} holds a NaN or an infinity")
        state = self.metadata.get("training_state")
        self.state = json.loads(state) if state is not None else None

    def digest(self):
        h = hashlib.sha256()

        def integer(value):
            h.update(struct.pack("<Q", value))

        def text(value):
            raw = value.encode()
            integer(len(raw))
            h.update(raw)

        text("nmt-checkpoint-content/2")
        integer(len(self.metadata))
        for key in sorted(self.metadata, key=lambda k: k.encode()):
            text(key)
            text(self.metadata[key])
        integer(len(self.tensors))
        for name in sorted(self.tensors, key=lambda k: k.encode()):
            shape, raw = self.tensors[name]
            text(name)
            integer(len(shape))
            for dimension in shape:
                integer(dimension)
            integer(len(raw))
            h.update(raw)
        return h.hexdigest()

    @property
    def update(self):
        return self.state["update"] if self.state else None

    def same_tensors(self, other):
        """Every tensor (weights and Adam's moments) equal bit for bit; the first that differs."""
        if set(self.tensors) != set(other.tensors):
            return False, f"tensor names differ: {sorted(set(self.tensors) ^ set(other.tensors))[:3]}"
        for name in sorted(self.tensors):
            if self.tensors[name] != other.tensors[name]:
                return False, f"{name} differs"
        return True, ""


def comparable_state(state):
    """A training state without what legitimately differs between two runs of one training: the
    wall time, and the directory part of the kept checkpoints' paths."""
    state = dict(state)
    state.pop("elapsedSeconds", None)
    state["recentCheckpoints"] = [p.rsplit("/", 1)[-1] for p in state.get("recentCheckpoints", [])]
    state["bestCheckpoints"] = [(c["path"].rsplit("/", 1)[-1], c["score"]) for c in state.get("bestCheckpoints", [])]
    return state


def finite(value):
    return isinstance(value, (int, float)) and math.isfinite(value)
