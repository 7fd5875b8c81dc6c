using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CometApi.Kling.Serialization;

namespace CometApi.Kling.Benchmarks;

/// <summary>Reading a finished task: the SDK's source-generated context against reflection-based System.Text.Json, for the record.</summary>
[MemoryDiagnoser]
public class ParseTaskResponseBenchmarks
{
    private static readonly byte[] Succeeded = Encoding.UTF8.GetBytes("""
        {"code":0,"message":"SUCCEED","request_id":"9ab376fc-9059-487f-9e2a-c9c89f1a344f","data":{"task_id":"867283741759111202",
         "task_status":"succeed","task_status_msg":"","task_info":{"external_task_id":"order-42"},"final_unit_deduction":"1",
         "task_result":{"videos":[{"id":"v-1","url":"https://cdn.example.com/v.mp4","duration":"5.1"}]},
         "created_at":1722769557708,"updated_at":1722769600000}}
        """);

    private static readonly JsonSerializerOptions Reflection = new(KlingJsonContext.Default.Options) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    [Benchmark(Baseline = true, Description = "Source-generated (the SDK)")]
    public TaskResponse? SourceGenerated() => JsonSerializer.Deserialize(Succeeded, KlingJsonContext.Default.TaskResponse);

    [Benchmark(Description = "Reflection")]
    public TaskResponse? ReflectionBased() => JsonSerializer.Deserialize<TaskResponse>(Succeeded, Reflection);
}
