"""TensorFlow and Keras: the only part of rnnbook that imports them.

Install them with ``pip install rnnbook[keras]``; the cells need NumPy alone.


- :mod:`rnnbook.interop.keras`: weights to and from Keras 3 layers, and Keras's own outputs and
  gradients for the cross-checks;
- :mod:`rnnbook.interop.keras_peephole`: a Keras 3 peephole-LSTM cell written from chapter 3's
  equations;
- :mod:`rnnbook.interop.tf1_peephole`: TensorFlow's own TF1 peephole ``LSTMCell``, run in a child
  process.
"""
