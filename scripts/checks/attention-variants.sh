#!/usr/bin/env bash
# The attention variants on the demo corpus (data/default), each trained from configs/default.yaml
# with keys added to its model section only (1,800 updates each), then scored on the test split
# (beam 5) and drawn as an attention heat map of test line 2:
#   additive (default)            nothing added
#   additive, 4 heads             model.attention_heads: 4
#   Transformer                   model.architecture: transformer, model.attention: scaled_dot
# Prints one line per variant: name, test BLEU, training minutes; runs/variant-NAME/ keeps the
# checkpoints, attention.svg and curves.svg.
#   scripts/checks/attention-variants.sh [NAME ...]     (default: additive heads4 transformer)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product nmt 2>&1 | tail -1
nmt=.build/release/nmt
keys() {
  case $1 in
    additive) ;;
    heads4) echo "  attention_heads: 4" ;;
    transformer) printf '  architecture: transformer\n  attention: scaled_dot\n' ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}
for name in "${@:-additive heads4 transformer}"; do
  for variant in $name; do
    run=runs/variant-$variant
    rm -rf "$run"; mkdir -p "$run"
    added=$(keys "$variant")
    # The added keys go first in the model section; a later duplicate of `attention` is dropped.
    python3 - "$variant" "$run" "$added" <<'PY' > "$run/config.yaml"
import sys
variant, run, added = sys.argv[1:4]
added_names = {line.split(":")[0].strip() for line in added.splitlines() if line.strip()}
out, section = [], None
for line in open("configs/default.yaml", encoding="utf-8").read().split("\n"):
    if line and not line.startswith(" ") and line.endswith(":"):
        section = line[:-1]
    if section == "model" and line.startswith("  ") and line.split(":")[0].strip() in added_names:
        continue
    if line.startswith("  directory: runs/default"):
        line = line.replace("runs/default", run, 1)
    out.append(line)
    if line == "model:" and added:
        out.append(added)
print("\n".join(out), end="")
PY
    start=$(date +%s)
    "$nmt" train --config "$run/config.yaml" > "$run/train.log" 2>&1
    minutes=$(python3 -c "print(round(($(date +%s) - $start) / 60, 1))")
    bleu=$("$nmt" evaluate --checkpoint "$run/best.ckpt" --source data/default/test.en --reference data/default/test.de --json \
      | python3 -c "import json,sys; print(round(json.loads(sys.stdin.read())['bleu'], 2))")
    head -5 data/default/test.en > "$run/sample.en"
    "$nmt" translate --checkpoint "$run/best.ckpt" --input "$run/sample.en" --attention-svg "$run/attention.svg" \
      --attention-line 2 > "$run/sample.de"
    echo "$variant: test BLEU $bleu (beam 5), trained in $minutes min; $run/attention.svg"
  done
done
