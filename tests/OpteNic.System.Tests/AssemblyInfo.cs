// System tests start simulators and tools as processes on a 2-core machine: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
