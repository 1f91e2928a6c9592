// The site is Debian's: the tests run its Linux programs, in Linux network namespaces.
using System.Runtime.Versioning;

[assembly: SupportedOSPlatform("linux")]
