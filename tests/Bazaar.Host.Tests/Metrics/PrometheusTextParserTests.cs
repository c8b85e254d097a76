using Bazaar.Host.Metrics;
using Xunit;

namespace Bazaar.Host.Tests.Metrics;

public sealed class PrometheusTextParserTests
{
    // Shaped like the OpenTelemetry exporter's page: probes, scrapes and real routes, one with braces.
    private const string Page = """
        # TYPE http_server_active_requests gauge
        http_server_active_requests{otel_scope_name="Microsoft.AspNetCore.Hosting",http_request_method="GET",url_scheme="http"} 3
        http_server_active_requests{otel_scope_name="Microsoft.AspNetCore.Hosting",http_request_method="POST",url_scheme="http"} 1
        # TYPE http_server_request_duration_seconds histogram
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="/health/ready",le="0.005"} 500
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="/health/ready",le="+Inf"} 500
        http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200",http_route="/health/ready"} 500
        http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200",http_route="/metrics"} 40
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="/api/products/{id}",le="0.005"} 60
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="/api/products/{id}",le="0.1"} 90
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",http_route="/api/products/{id}",le="+Inf"} 90
        http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200",http_route="/api/products/{id}"} 90
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="503",http_route="/api/products/{id}",le="0.005"} 10
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="503",http_route="/api/products/{id}",le="0.1"} 10
        http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="503",http_route="/api/products/{id}",le="+Inf"} 10
        http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="503",http_route="/api/products/{id}"} 10
        http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="404"} 5 1732500000000
        """;

    [Fact]
    public void Counts_requests_errors_and_latency_without_probes_and_scrapes()
    {
        var traffic = PrometheusTextParser.Parse(Page);

        Assert.Equal(3, traffic.InFlight); // four, one of them the scrape that read the page
        Assert.Equal(105, traffic.Requests); // 90 + 10 + the unrouted 404s
        Assert.Equal(10, traffic.ServerErrors);
        Assert.Equal([(0.005, 70.0), (0.1, 100.0), (double.PositiveInfinity, 100.0)], traffic.Buckets);
    }

    [Fact]
    public void A_window_is_the_difference_of_two_readings_and_its_quantile_the_bucket_that_holds_it()
    {
        var earlier = new ReplicaTraffic(0, 100, 0, [(0.005, 100), (0.1, 100), (double.PositiveInfinity, 100)]);
        var later = new ReplicaTraffic(2, 300, 20, [(0.005, 150), (0.1, 290), (double.PositiveInfinity, 300)]);

        var window = later.Since(earlier);

        Assert.Equal(200, window.Requests);
        Assert.Equal(0.1, window.ErrorRate);
        Assert.Equal(0.005, window.Quantile(0.25)); // 50 of 200 within 5 ms
        Assert.Equal(0.1, window.Quantile(0.9));
        Assert.Equal(double.PositiveInfinity, window.Quantile(0.99)); // 10 of 200 took longer than 100 ms
        Assert.Null(ReplicaTraffic.Empty.Quantile(0.99));
    }

    [Fact]
    public void A_restart_between_readings_counts_everything_since_the_restart()
    {
        var beforeRestart = new ReplicaTraffic(0, 1000, 5, []);
        var afterRestart = new ReplicaTraffic(0, 30, 1, []);

        Assert.Equal(30, afterRestart.Since(beforeRestart).Requests);
    }

    [Fact]
    public void Versions_add_up_across_their_replicas()
    {
        var sum = ReplicaTraffic.Sum([
            new ReplicaTraffic(1, 10, 1, [(0.1, 8), (double.PositiveInfinity, 10)]),
            new ReplicaTraffic(2, 30, 0, [(0.1, 30), (double.PositiveInfinity, 30)]),
        ]);

        Assert.Equal((3.0, 40.0, 1.0), (sum.InFlight, sum.Requests, sum.ServerErrors));
        Assert.Equal([(0.1, 38.0), (double.PositiveInfinity, 40.0)], sum.Buckets);
    }
}
