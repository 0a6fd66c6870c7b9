// Entry point of the `corral` executable; commands are added by the CLI work (issue 8).
return 0;
