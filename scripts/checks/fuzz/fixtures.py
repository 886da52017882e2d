"""The valid inputs that the mutations start from, made once per fuzz run in `fixture/`: a tiny
parallel corpus, a configuration that trains on it in about a second, the checkpoint that
training writes, and a BPE merges file. Paths in the configuration are relative to a case
directory beside `fixture/`, so that a failing case copied with the fixture reproduces as is."""

import random
import subprocess
from pathlib import Path

WORDS = {"the": "die", "cat": "katze", "dog": "hund", "sees": "sieht", "big": "gross", "red": "rot",
         "small": "klein", "house": "haus", "runs": "läuft", "and": "und", "a": "eine", "tree": "baum"}

# Training comes first and its run-time bounds first of all: mutations never raise them
# (see kinds.PROTECTED_KEYS), and a truncated file that loses them loses `data` too, so every
# configuration that trains stops within seconds.
CONFIGURATION = """\
training:
  max_updates: 3
  max_minutes: 0.05
  epochs: 2
  seed: 1
  batch_size: 8
  batch_tokens: 0
  learning_rate: 0.01
  adam_beta1: 0.9
  adam_beta2: 0.999
  clip_norm: 1.0
  label_smoothing: 0.1
  schedule: plateau
  warmup_updates: 0
  plateau_factor: 0.5
  plateau_patience: 2
  min_learning_rate: 1.0e-5
data:
  train: ../fixture/train
  valid: ../fixture/valid
  source_language: en
  target_language: de
  tokenized: false
  lowercase: true
  max_length: 50
segmentation:
  kind: {segmentation}
  merges: 30
  joint: true
  min_frequency: 1
  max_vocabulary: 0
model:
  embedding_size: 8
  encoder_hidden_size: 8
  encoder_layers: 1
  bidirectional: true
  decoder_hidden_size: 16
  attention: additive
  attention_size: 8
  pre_output_size: 8
  dropout: 0.1
  tie_embeddings: none
validation:
  every_updates: 3
  metric: bleu
  beam: 2
  early_stopping_patience: 0
  samples: 1
output:
  directory: run
  keep_best: 2
  keep_last: 2
  log_every: 1
translation:
  beam: 2
  length_penalty: 1.0
  max_length_ratio: 2.0
"""


def corpus(rng: random.Random, count: int) -> tuple[str, str]:
    english = sorted(WORDS)
    source, target = [], []
    for _ in range(count):
        sentence = [rng.choice(english) for _ in range(rng.randrange(2, 7))]
        source.append(" ".join(sentence) + " .")
        target.append(" ".join(WORDS[w] for w in reversed(sentence)) + " .")
    return "\n".join(source) + "\n", "\n".join(target) + "\n"


def build(nmt: str, work: Path, env: dict) -> Path:
    """Writes fixture/ under `work` and trains its checkpoint; returns the fixture folder."""
    fixture = work / "fixture"
    fixture.mkdir(parents=True)
    rng = random.Random(20261201)
    for split, count in [("train", 80), ("valid", 8), ("test", 8)]:
        en, de = corpus(rng, count)
        (fixture / f"{split}.en").write_text(en, encoding="utf-8")
        (fixture / f"{split}.de").write_text(de, encoding="utf-8")
    (fixture / "config.yaml").write_text(CONFIGURATION.format(segmentation="word"), encoding="utf-8")
    (fixture / "config-bpe.yaml").write_text(CONFIGURATION.format(segmentation="bpe"), encoding="utf-8")
    trainer = work / "trainer"
    trainer.mkdir()
    result = subprocess.run([nmt, "train", "--config", "../fixture/config.yaml"], cwd=trainer, env=env,
                            capture_output=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"fuzz: training the fixture checkpoint failed:\n{result.stderr.decode(errors='replace')}")
    (trainer / "run" / "latest.ckpt").rename(fixture / "model.ckpt")
    result = subprocess.run([nmt, "bpe", "learn", "--merges", "40", "--input", "train.en", "--input", "train.de",
                             "--output", "merges.txt"], cwd=fixture, env=env, capture_output=True, timeout=60)
    if result.returncode != 0:
        raise SystemExit(f"fuzz: learning the fixture merges failed:\n{result.stderr.decode(errors='replace')}")
    return fixture
