#!/usr/bin/env bash
# The whole job on the project's own small English→German corpus (data/default): installs what
# is missing, builds in release mode, trains (1,800 updates: about 2 minutes on 2 cores), translates a few test
# sentences, scores the test split and draws an attention heat map.
#   scripts/demo.sh      (writes runs/default, replacing an earlier demo run)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "== building (release)"
swift build -c release --product nmt 2>&1 | tail -1
nmt=.build/release/nmt
run=runs/default
rm -rf $run  # a fresh run each time
echo "== training on data/default (configs/default.yaml)"
$nmt train --config configs/default.yaml
echo "== translating five test sentences"
head -5 data/default/test.en > $run/sample.en
$nmt translate --checkpoint $run/best.ckpt --input $run/sample.en --output $run/sample.de
paste -d '\n' $run/sample.en $run/sample.de /dev/null
echo "== BLEU and chrF on the test split (beam 5)"
$nmt evaluate --checkpoint $run/best.ckpt --source data/default/test.en --reference data/default/test.de
$nmt translate --checkpoint $run/best.ckpt --input $run/sample.en --attention-svg $run/attention.svg --attention-line 2 >/dev/null
echo "== wrote $run/attention.svg (attention heat map) and $run/curves.svg (training curves)"
