using System.Xml.Linq;

namespace OpteNic.Architecture.Tests;

/// <summary>What a csproj declares: its direct project references and package references.</summary>
internal sealed record ProjectFile(string Name, string Folder, string Path, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences)
{
    public static ProjectFile Load(string path, string folder)
    {
        var document = XDocument.Load(path);
        var projectReferences = document.Descendants("ProjectReference")
            .Where(e => !string.Equals((string?)e.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
            .Select(e => System.IO.Path.GetFileNameWithoutExtension(((string?)e.Attribute("Include") ?? "").Replace('\\', '/')))
            .ToList();
        var packageReferences = document.Descendants("PackageReference")
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .ToList();
        return new ProjectFile(System.IO.Path.GetFileNameWithoutExtension(path), folder, path, projectReferences, packageReferences);
    }
}
