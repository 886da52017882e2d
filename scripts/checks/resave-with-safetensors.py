#!/usr/bin/env python3
"""Re-saves an nmt checkpoint with Python's safetensors, as a user's tooling would, and checks
that nmt's content checksum (format version 2) still holds for the copy.

    scripts/checks/resave-with-safetensors.py runs/default/latest.ckpt /tmp/resaved.ckpt
    nmt translate --checkpoint /tmp/resaved.ckpt < data/default/test.en

safetensors writes the tensors in its own order (by name) with its own header layout; the
metadata goes through unchanged. The checksum is recomputed here from its definition
(Sources/Checkpoint/CheckpointDigest.swift), independently of the Swift code.
Needs `pip install safetensors numpy`.
"""
import hashlib
import struct
import sys

from safetensors import safe_open
from safetensors.numpy import save_file

RESERVED = {"format", "format_version", "data_sha256", "content_sha256"}


def content_sha256(metadata, tensors):
    digest = hashlib.sha256()
    integer = lambda value: digest.update(struct.pack("<Q", value))

    def text(value):
        data = value.encode("utf-8")
        integer(len(data))
        digest.update(data)

    text("nmt-checkpoint-content/2")
    user = {k: v for k, v in metadata.items() if k not in RESERVED}
    integer(len(user))
    for key in sorted(user, key=lambda k: k.encode("utf-8")):
        text(key)
        text(user[key])
    integer(len(tensors))
    for name in sorted(tensors, key=lambda k: k.encode("utf-8")):
        array = tensors[name]
        text(name)
        integer(array.ndim)
        for dimension in array.shape:
            integer(dimension)
        data = array.astype("<f4").tobytes()
        integer(len(data))
        digest.update(data)
    return digest.hexdigest()


def main(source, target):
    with safe_open(source, framework="np") as f:
        metadata = f.metadata()
        tensors = {name: f.get_tensor(name) for name in f.keys()}
    if metadata.get("format_version") != "2":
        sys.exit(f"{source}: format_version {metadata.get('format_version')!r}; this check is for version 2")
    computed = content_sha256(metadata, tensors)
    if computed != metadata["content_sha256"]:
        sys.exit(f"{source}: content_sha256 {metadata['content_sha256']} but the contents hash to {computed}")
    save_file(tensors, target, metadata=metadata)
    with open(source, "rb") as a, open(target, "rb") as b:
        same = a.read() == b.read()
    print(f"{target}: {len(tensors)} tensors re-saved by safetensors "
          f"({'byte-identical' if same else 'a different layout'}); content_sha256 {computed} holds")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: scripts/checks/resave-with-safetensors.py CHECKPOINT COPY")
    main(sys.argv[1], sys.argv[2])
