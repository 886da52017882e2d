"""PyTorch Transformer of the same size as nmt's (`model.architecture: transformer`), for a
training-speed comparison on the same data and machine. Pre-norm encoder and decoder stacks of
nn.TransformerEncoderLayer / nn.TransformerDecoderLayer (norm_first=True, ReLU), sinusoidal
positions, embeddings scaled by sqrt(d), a final LayerNorm per stack, untied output layer.

  python3 scripts/bench/transformer_torch.py --data DIR --bench-batches 60   # training tokens/s
  scripts/bench/transformer.sh                                             # ours, then this

DIR holds train.{src,tgt}, tokenized and lowercased, space-separated (the tok/ folder of the
Multi30k copy). Sizes default to nmt-bench's Transformer: d 256, 3 + 3 layers, 4 heads,
feed-forward 1024, dropout 0.3; word vocabularies (minimum frequency 2), Adam 1e-3 (betas
0.9, 0.98), label smoothing 0.1, clipping at 1, batches of 64 sentences of similar length. Times
3 warm-up batches, then `--bench-batches` forward + backward + update steps; prints one JSON
object per line, the last with target tokens per second.
"""
import argparse, collections, json, math, random, time
import torch, torch.nn as nn, torch.nn.functional as F

PAD, BOS, EOS, UNK = 0, 1, 2, 3


def read(path):
    with open(path, encoding="utf-8") as f:
        return [line.split() for line in f.read().split("\n") if line.strip()]


def vocabulary(sentences, min_freq):
    counts = collections.Counter(w for s in sentences for w in s)
    words = sorted([w for w, n in counts.items() if n >= min_freq], key=lambda w: (-counts[w], w))
    return {w: i for i, w in enumerate(["<pad>", "<s>", "</s>", "<unk>"] + words)}


def sinusoids(length, d):
    """PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d))."""
    position = torch.arange(length, dtype=torch.float32).unsqueeze(1)
    frequency = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
    table = torch.zeros(length, d)
    table[:, 0::2] = torch.sin(position * frequency)
    table[:, 1::2] = torch.cos(position * frequency)
    return table


class Transformer(nn.Module):
    def __init__(self, source_vocabulary, target_vocabulary, d, layers, heads, ff, dropout):
        super().__init__()
        self.d = d
        self.source_embedding = nn.Embedding(source_vocabulary, d)
        self.target_embedding = nn.Embedding(target_vocabulary, d)
        nn.init.normal_(self.source_embedding.weight, std=d ** -0.5)
        nn.init.normal_(self.target_embedding.weight, std=d ** -0.5)
        self.register_buffer("positions", sinusoids(512, d), persistent=False)
        self.core = nn.Transformer(d_model=d, nhead=heads, num_encoder_layers=layers, num_decoder_layers=layers,
                                   dim_feedforward=ff, dropout=dropout, activation="relu",
                                   batch_first=True, norm_first=True)
        self.output = nn.Linear(d, target_vocabulary)
        self.dropout = nn.Dropout(dropout)

    def embed(self, embedding, ids):
        return self.dropout(embedding(ids) * math.sqrt(self.d) + self.positions[: ids.size(1)])

    def forward(self, source, target_input):
        causal = torch.triu(torch.full((target_input.size(1), target_input.size(1)), float("-inf")), diagonal=1)
        hidden = self.core(self.embed(self.source_embedding, source), self.embed(self.target_embedding, target_input),
                           tgt_mask=causal, src_key_padding_mask=source == PAD,
                           memory_key_padding_mask=source == PAD)
        return self.output(hidden)


def pad(sequences):
    width = max(len(s) for s in sequences)
    return torch.tensor([s + [PAD] * (width - len(s)) for s in sequences])


def batches(pairs, size, rng):
    ordered = sorted(pairs, key=lambda p: (len(p[0]), rng.random()))
    out = [ordered[i:i + size] for i in range(0, len(ordered), size)]
    rng.shuffle(out)
    return out


def train(model, optimizer, batch_list):
    model.train()
    tokens, started = 0, time.time()
    for batch in batch_list:
        source = pad([p[0] for p in batch]); target = pad([p[1] for p in batch])
        logits = model(source, target[:, :-1])
        gold = target[:, 1:]
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), gold.reshape(-1), ignore_index=PAD, label_smoothing=0.1)
        optimizer.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(model.parameters(), 1.0); optimizer.step()
        tokens += int((gold != PAD).sum())
    return tokens, time.time() - started


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True); ap.add_argument("--src", default="en"); ap.add_argument("--tgt", default="de")
    ap.add_argument("--threads", type=int, default=2); ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--d", type=int, default=256); ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--heads", type=int, default=4); ap.add_argument("--ff", type=int, default=1024)
    ap.add_argument("--dropout", type=float, default=0.3); ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bench-batches", type=int, default=60)
    a = ap.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(a.seed); rng = random.Random(a.seed)
    sources, targets = read(f"{a.data}/train.{a.src}"), read(f"{a.data}/train.{a.tgt}")
    sv, tv = vocabulary(sources, 2), vocabulary(targets, 2)
    pairs = [([sv.get(w, UNK) for w in x] + [EOS], [BOS] + [tv.get(w, UNK) for w in y] + [EOS]) for x, y in zip(sources, targets)]
    model = Transformer(len(sv), len(tv), a.d, a.layers, a.heads, a.ff, a.dropout)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.98))
    print(json.dumps({"peer": "pytorch-transformer", "torch": torch.__version__, "threads": a.threads,
                      "src_vocab": len(sv), "tgt_vocab": len(tv), "params": sum(p.numel() for p in model.parameters())}), flush=True)
    plan = batches(pairs, a.batch, rng)
    train(model, optimizer, plan[:3])
    tokens, seconds = train(model, optimizer, plan[3:3 + a.bench_batches])
    print(json.dumps({"bench_batches": a.bench_batches, "tgt_tokens": tokens, "seconds": round(seconds, 2),
                      "tgt_tokens_per_s": round(tokens / seconds, 1)}), flush=True)


if __name__ == "__main__":
    main()
