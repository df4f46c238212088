"""The tasks and data sets of the chapters' experiments; everything is generated, nothing is
downloaded.

- :mod:`~rnnbook.tasks.series`: Géron's sine-wave time series (chapter 1);
- :mod:`~rnnbook.tasks.recall`: recall the symbol seen ``lag`` steps ago (chapter 1);
- :mod:`~rnnbook.tasks.adding`: the adding problem and its shared training setup (chapters 2, 4, 5);
- :mod:`~rnnbook.tasks.forget`: a running sum with reset markers, forgetting on cue (chapter 2);
- :mod:`~rnnbook.tasks.spike_timing`: fire a spike a fixed delay after a cue (chapter 3);
- :mod:`~rnnbook.tasks.reber`: the embedded Reber grammar (chapter 4);
- :mod:`~rnnbook.tasks.echo`: a text whose echoes lag their openers (chapter 7);
- :mod:`~rnnbook.tasks.reverse`: write a sequence backwards (chapter 6's encoder–decoder).

:mod:`~rnnbook.tasks.series` also builds the multi-step forecasting targets and the smoothing
task of chapter 6.
"""
