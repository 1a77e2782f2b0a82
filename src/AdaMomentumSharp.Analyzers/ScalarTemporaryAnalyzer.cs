using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AdaMomentumSharp.Analyzers;

/// <summary>
/// AMS0001: a TorchSharp <c>Scalar</c> that nothing keeps alive through the native call that reads it.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's <c>Scalar</c> holds its native handle as a bare <c>IntPtr</c> and frees it in a finalizer. A
/// Scalar made on the fly (a number converted implicitly, or the <c>1</c> TorchSharp passes itself for
/// <c>a + b</c>, <c>add(b)</c>, <c>add_(b)</c> and the two-tensor <c>addcdiv</c>/<c>addcmul</c>) is unreachable once
/// its handle has been read, so a garbage collection during the native call can free it while LibTorch still reads it.
/// The experiments CLI died that way five epochs into a 2-layer LSTM: <c>Expected false to be true</c> from
/// <c>c10::Scalar::toFloat</c> inside <c>THSTensor_add</c>. A Scalar made with <c>ToScalar()</c> in a <c>using</c>
/// declaration, or kept in a field, lives past the call. (Upstream: dotnet/TorchSharp#1434 would dispose the
/// operators' Scalars.)
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScalarTemporaryAnalyzer : DiagnosticAnalyzer
{
    public const string DiagnosticId = "AMS0001";

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticId,
        title: "TorchSharp Scalar that nothing keeps alive",
        messageFormat: "{0} makes a TorchSharp Scalar that its finalizer can free while LibTorch still reads it; {1}",
        category: "Reliability",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Make the Scalar with ToScalar() in a using declaration (or keep it in a field) and pass it explicitly.");

    private static readonly ImmutableHashSet<string> MethodsWithImplicitOne =
        ImmutableHashSet.Create("add", "add_", "addcdiv", "addcdiv_", "addcmul", "addcmul_");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? scalar = start.Compilation.GetTypeByMetadataName("TorchSharp.Scalar");
            INamedTypeSymbol? tensor = start.Compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
            INamedTypeSymbol? torch = start.Compilation.GetTypeByMetadataName("TorchSharp.torch");
            if (scalar is null || tensor is null || torch is null)
            {
                return;
            }
            start.RegisterOperationAction(c => AnalyzeConversion(c, (IConversionOperation)c.Operation, scalar), OperationKind.Conversion);
            start.RegisterOperationAction(c => AnalyzeOperator(c, ((IBinaryOperation)c.Operation).OperatorMethod, tensor, scalar), OperationKind.Binary);
            start.RegisterOperationAction(c => AnalyzeOperator(c, ((ICompoundAssignmentOperation)c.Operation).OperatorMethod, tensor, scalar), OperationKind.CompoundAssignment);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, (IInvocationOperation)c.Operation, tensor, torch), OperationKind.Invocation);
        });
    }

    private static void AnalyzeConversion(OperationAnalysisContext context, IConversionOperation conversion, INamedTypeSymbol scalar)
    {
        if (conversion.OperatorMethod is null || !SymbolEqualityComparer.Default.Equals(conversion.Type, scalar) || IsKeptAlive(conversion))
        {
            return;
        }
        Report(context, conversion, $"Converting {conversion.Operand.Type?.ToDisplayString() ?? "a value"} to Scalar here",
            "make it with ToScalar() in a using declaration and pass that");
    }

    /// <summary>A Scalar stored straight into a <c>using</c> variable or a field outlives every call that uses it.</summary>
    private static bool IsKeptAlive(IOperation conversion) => conversion.Parent switch
    {
        IFieldInitializerOperation => true,
        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Parent: IVariableDeclarationOperation declaration } } =>
            declaration.Parent is IUsingOperation or IUsingDeclarationOperation
            || declaration.Parent is IVariableDeclarationGroupOperation { Parent: IUsingOperation or IUsingDeclarationOperation },
        _ => false,
    };

    private static void AnalyzeOperator(OperationAnalysisContext context, IMethodSymbol? method, INamedTypeSymbol tensor, INamedTypeSymbol scalar)
    {
        if (method is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, tensor))
        {
            return;
        }
        bool numberOperand = method.Parameters.Any(p =>
            !SymbolEqualityComparer.Default.Equals(p.Type, tensor) && !SymbolEqualityComparer.Default.Equals(p.Type, scalar));
        if (numberOperand)
        {
            Report(context, context.Operation, $"Tensor operator {method.Name} with a number",
                "pass a Scalar made with ToScalar() in a using declaration to the named method (mul, add, ...)");
        }
        // a + b is a.add(b, 1) and Scalar − Tensor is (−t).add(s, 1): TorchSharp's own 1.
        else if (method.Name == "op_Addition" || (method.Name == "op_Subtraction" && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, scalar)))
        {
            Report(context, context.Operation, $"Tensor operator {method.Name}",
                "call add(other, alpha) with an alpha Scalar made with ToScalar() in a using declaration");
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, IInvocationOperation invocation, INamedTypeSymbol tensor, INamedTypeSymbol torch)
    {
        IMethodSymbol method = invocation.TargetMethod;
        bool torchSharpMethod = SymbolEqualityComparer.Default.Equals(method.ContainingType, tensor)
                                || SymbolEqualityComparer.Default.Equals(method.ContainingType, torch);
        if (torchSharpMethod && MethodsWithImplicitOne.Contains(method.Name) && !method.Parameters.Any(p => p.Name is "alpha" or "value"))
        {
            Report(context, invocation, $"{method.Name} without its alpha or value (TorchSharp passes a 1 of its own)",
                "pass an alpha or value Scalar made with ToScalar() in a using declaration");
        }
    }

    private static void Report(OperationAnalysisContext context, IOperation operation, string what, string remedy) =>
        context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), what, remedy));
}
