namespace AdaMomentumSharp.Tests;

/// <summary>A fact that only a privileged process can check (giving a file to another user); skipped otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: only root may give a file to another user";
        }
    }
}
