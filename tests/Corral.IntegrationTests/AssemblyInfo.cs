// Test classes each start a server and real runner processes; on 2 cores they run one class at a time so
// timing-sensitive scheduler tests are not starved by another class's model load.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
