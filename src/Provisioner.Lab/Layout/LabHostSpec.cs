namespace Provisioner.Lab.Layout;

/// <summary>A host the layout asks for, and the one group it belongs to.</summary>
public sealed record LabHostSpec(string Name, string Group);
