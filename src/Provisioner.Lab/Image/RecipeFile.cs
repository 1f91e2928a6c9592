namespace Provisioner.Lab.Image;

/// <summary>A file the recipe writes into the base image (path relative to the root).</summary>
internal sealed record RecipeFile(string Path, string Content, UnixFileMode Mode);
