# Import rnnbook before any test module imports NumPy or TensorFlow, so that its environment
# settings (TensorFlow log level, single-threaded OpenBLAS) take effect in the test process.
import rnnbook  # noqa: F401
