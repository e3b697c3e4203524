"""PyTorch peer for `npm run bench`: the same decoder, trained the same way, on one thread.

A port of docs/SAOBP.md (baseline, saobp-mixture in its O(T^2 d) value form, saobp-product)
with the architecture of lib/model (pre-LayerNorm blocks, fused QKV, GELU MLP, learned positions).
Prints one JSON object: step times in ms per (method, seq), for the bench to put side by side.
Run with Debian's python3-torch: /usr/bin/python3 bench/torch_peer.py --steps 10 --seqs 64,128,256
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self, d, h, method):
        super().__init__()
        self.h, self.dh, self.method = h, d // h, method
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        init = {"mixture": math.log(0.1 / 0.9), "product": 0.0}.get(method)
        self.theta = nn.Parameter(torch.full((h,), init)) if init is not None else None

    def forward(self, x, causal):
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.h, self.dh).permute(2, 0, 3, 1, 4)
        s = (q @ k.transpose(-1, -2)) / math.sqrt(self.dh)
        s = s.masked_fill(~causal, float("-inf"))
        a = s.softmax(-1)
        if self.method == "mixture":
            lam = torch.sigmoid(self.theta).view(1, -1, 1, 1)
            av = a @ v
            y = (1 - lam) * av + lam * (a @ av)
        elif self.method == "product":
            gamma = (torch.exp(self.theta) - 1).view(1, -1, 1, 1)
            a_off = a * (1 - torch.eye(t))
            s2 = s + a_off @ torch.log1p(gamma * a)
            y = s2.masked_fill(~causal, float("-inf")).softmax(-1) @ v
        else:
            y = a @ v
        return self.proj(y.transpose(1, 2).reshape(b, t, d))


class Block(nn.Module):
    def __init__(self, d, h, ff, method):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.attn = Attention(d, h, method)
        self.mlp = nn.Sequential(nn.Linear(d, ff), nn.GELU(), nn.Linear(ff, d))

    def forward(self, x, causal):
        x = x + self.attn(self.ln1(x), causal)
        return x + self.mlp(self.ln2(x))


class Decoder(nn.Module):
    def __init__(self, vocab, t, d, h, ff, layers, method):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab, d), nn.Embedding(t, d)
        self.blocks = nn.ModuleList(Block(d, h, ff, method) for _ in range(layers))
        self.ln = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab)

    def forward(self, ids):
        t = ids.shape[1]
        causal = torch.ones(t, t, dtype=torch.bool).tril()
        x = self.tok(ids) + self.pos(torch.arange(t))
        for block in self.blocks:
            x = block(x, causal)
        return self.head(self.ln(x))


def time_steps(method, seq, args):
    torch.manual_seed(0)
    model = Decoder(args.vocab, seq, args.width, args.heads, args.ff, args.layers, method)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    ids = torch.randint(0, args.vocab, (args.batch, seq + 1))
    times = []
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        logits = model(ids[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, args.vocab), ids[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step >= args.warmup:
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--seqs", default="64,128,256")
    p.add_argument("--methods", default="baseline,mixture,product")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--vocab", type=int, default=256)
    p.add_argument("--width", type=int, default=128)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--ff", type=int, default=512)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    result = {"torch": torch.__version__, "threads": args.threads, "stepMs": {}}
    for method in args.methods.split(","):
        for seq in (int(s) for s in args.seqs.split(",")):
            result["stepMs"][f"{method}@{seq}"] = time_steps(method, seq, args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
