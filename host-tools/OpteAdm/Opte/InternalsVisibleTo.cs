using System.Runtime.CompilerServices;

// The OPTE subcommands' parse → request and response → render steps are tested without a card, in-process, by the
// system tests' OpteAdm/Opte folder.
[assembly: InternalsVisibleTo("OpteNic.System.Tests")]
