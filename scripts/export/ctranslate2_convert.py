#!/usr/bin/env python3
"""Builds a CTranslate2 model from the variables `nmt export --format ctranslate2` wrote.

`nmt export` maps our Transformer onto CTranslate2's TransformerSpec itself
(Sources/Translation/Export/CTranslate2Layout.swift) and writes one safetensors file whose
tensors are named as the spec's variables (`encoder/layer_0/self_attention/linear_0/weight`)
and whose metadata `ctranslate2_options` holds the spec options and the vocabularies. This
script only fills the spec with them and lets CTranslate2's converter validate, quantize and
save the model:

    ctranslate2_convert.py --check
        prints the ctranslate2 version, or exits 3 when python3 cannot import it
    ctranslate2_convert.py --weights W.safetensors --output DIR [--quantization int8|float32]
        DIR must not exist; CTranslate2 writes model.bin, config.json and the vocabularies there

The file is read with numpy alone (8-byte header length, JSON header, little-endian float32
data), so the safetensors package is not needed.
"""
import argparse
import json
import struct
import sys

MISSING_PACKAGE = 3


def need_ctranslate2():
    try:
        import ctranslate2  # noqa: F401
        import numpy  # noqa: F401
    except ImportError as error:
        sys.stderr.write(
            f"python3 cannot import {error.name}, which the CTranslate2 export needs "
            f"(pip install ctranslate2; it brings numpy)\n")
        sys.exit(MISSING_PACKAGE)
    return ctranslate2


def read_weights(path):
    """The tensors (name -> float32 array) and the metadata of a safetensors file."""
    import numpy as np

    with open(path, "rb") as file:
        (size,) = struct.unpack("<Q", file.read(8))
        header = json.loads(file.read(size))
        data = file.read()
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            sys.exit(f"{path}: tensor {name} is {entry['dtype']}, expected F32")
        start, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[start:end], dtype="<f4").reshape(entry["shape"]).copy()
    return tensors, metadata


def build_spec(ctranslate2, tensors, options):
    from ctranslate2.specs import common_spec, model_spec, transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(
        (options["encoder_layers"], options["decoder_layers"]),
        options["heads"],
        pre_norm=options["pre_norm"],
        activation=common_spec.Activation(options["activation"]),
    )
    spec.config.layer_norm_epsilon = options["layer_norm_epsilon"]
    spec.config.add_source_eos = options["add_source_eos"]
    for name, array in tensors.items():
        scope, attribute = name.rsplit("/", 1)
        layer = model_spec.index_spec(spec, scope)
        if not hasattr(layer, attribute):
            sys.exit(f"the export names {name}, which CTranslate2 {ctranslate2.__version__}'s TransformerSpec does not have")
        setattr(layer, attribute, array)
    spec.register_source_vocabulary(options["source_vocabulary"])
    spec.register_target_vocabulary(options["target_vocabulary"])
    return spec


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that ctranslate2 can be imported")
    parser.add_argument("--weights", help="the safetensors file nmt export wrote")
    parser.add_argument("--output", help="the model directory to create (must not exist)")
    parser.add_argument("--quantization", choices=["float32", "int8"], default="float32")
    args = parser.parse_args()
    ctranslate2 = need_ctranslate2()
    if args.check:
        print(f"ctranslate2 {ctranslate2.__version__}")
        return
    if not args.weights or not args.output:
        parser.error("--weights and --output are needed")

    from ctranslate2.converters.converter import Converter

    tensors, metadata = read_weights(args.weights)
    options = json.loads(metadata["ctranslate2_options"])

    class ExportedTransformer(Converter):
        def _load(self):
            return build_spec(ctranslate2, tensors, options)

    ExportedTransformer().convert(args.output, quantization=args.quantization)
    print(f"ctranslate2 {ctranslate2.__version__}: {args.quantization} model in {args.output}")


if __name__ == "__main__":
    main()
