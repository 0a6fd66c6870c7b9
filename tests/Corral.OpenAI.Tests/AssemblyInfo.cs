// The real-model classes start runner processes; on 2 cores one class at a time keeps loads from starving each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
