using Corral.Fixtures;

try
{
    FixtureCommand.Run(args);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"corral-fixtures: {e.Message}");
    Console.Error.WriteLine(FixtureCommand.Usage);
    return 2;
}
catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException)
{
    Console.Error.WriteLine($"corral-fixtures: {e.Message}");
    return 1;
}
