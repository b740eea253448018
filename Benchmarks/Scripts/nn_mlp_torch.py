"""PyTorch peer of the nn-mlp benchmark: full training steps (forward, loss, backward, Adam) of a
multilayer perceptron, one thread. Prints `steps_per_second` for each shape."""
import sys
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)


def measure(sizes, batch, loss_kind, steps):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(batch, sizes[0])
    if loss_kind == "mse":
        y = torch.randn(batch, sizes[-1])
        loss_fn = torch.nn.functional.mse_loss
    else:
        y = torch.randint(0, sizes[-1], (batch,))
        loss_fn = torch.nn.functional.cross_entropy

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(20):
        step()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        times.append(time.perf_counter() - start)
    times.sort()
    return steps / times[len(times) // 2]


for spec in sys.argv[1:]:
    sizes, batch, loss_kind, steps = spec.split(":")
    rate = measure([int(s) for s in sizes.split("-")], int(batch), loss_kind, int(steps))
    print(f"{spec} {rate:.1f}")
