"""Faster numpy kernels for slovnet's CNN taggers (natasha's NER and morphology), same output.

slovnet runs its models in plain numpy. Profiled on factRuEval, two kernels take half of the NER
tagger's time: the CRF's Viterbi decoding, which gathers each step's best scores with fancy
indexing and `np.indices`, and the convolution, which copies every sliding window before one
matmul. Here the Viterbi takes the maximum directly and keeps its back-pointers in one array, and
the convolution is one matmul per kernel offset, shifted and summed. The decoded path is the same
(`max` is the value `argmax` points to); the convolution sums in another order, so scores differ
in the last float32 digits (tests check the tags stay those of the stock taggers).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from slovnet.exec.model import CRF, Conv1d


class FastCRF(CRF):  # type: ignore[misc]
    def decode(self, emissions: np.ndarray, mask: np.ndarray) -> list[np.ndarray]:
        batch_size, seq_len, tags_count = emissions.shape
        if seq_len == 0:  # texts without a token (slovnet's own decode raises IndexError)
            return [np.zeros(0, dtype=np.intp) for _ in range(batch_size)]
        # step x batch x previous tag x next tag
        steps = self.transitions.array + emissions.swapaxes(1, 0)[:, :, None, :]
        mask = mask.swapaxes(1, 0)
        padded = not mask.all()
        back = np.zeros((seq_len, batch_size, tags_count), dtype=np.intp)
        score = emissions[:, 0]
        for index in range(1, seq_len):
            candidates = score[:, :, None] + steps[index]
            back[index] = candidates.argmax(1)
            best = candidates.max(1)
            score = np.where(mask[index][:, None], best, score) if padded else best
        return [
            backtrack(back[:, item], int(score[item].argmax()), int(length))
            for item, length in enumerate(mask.sum(0))
        ]


def backtrack(back: np.ndarray, last: int, length: int) -> np.ndarray:
    pointers = back[:length].tolist()
    tags = [last]
    for index in range(length - 1, 0, -1):
        tags.append(pointers[index][tags[-1]])
    return np.array(tags[::-1])


class FastConv1d(Conv1d):  # type: ignore[misc]
    def __call__(self, input: np.ndarray) -> np.ndarray:
        batch_size, in_dim, seq_len = input.shape
        weight = self.weight.array  # filters x in x kernel
        filters, _, kernel_size = weight.shape
        length = seq_len + 2 * self.padding
        padded = np.zeros((batch_size, length, in_dim), dtype=input.dtype)
        padded[:, self.padding : self.padding + seq_len] = input.swapaxes(2, 1)
        rows = padded.reshape(batch_size * length, in_dim)  # one 2-D matmul per offset: BLAS
        windows_count = length - kernel_size + 1
        output = np.zeros((batch_size, windows_count, filters), dtype=input.dtype)
        for offset in range(kernel_size):
            shifted = (rows @ weight[:, :, offset].T).reshape(batch_size, length, filters)
            output += shifted[:, offset : offset + windows_count]
        output += self.bias.array
        return output.swapaxes(2, 1)  # batch x filters x windows, as slovnet's


def accelerate(tagger: Any) -> Any:
    """Swap the kernels of a loaded natasha tagger (NER or morphology) in place; returns it."""
    model = tagger.infer.model
    for layer in model.encoder.layers:
        layer.conv = FastConv1d(layer.conv.weight, layer.conv.bias, layer.conv.padding)
    if hasattr(model.head, "crf"):
        model.head.crf = FastCRF(model.head.crf.transitions)
    return tagger
