namespace OvsNet.Routing.Tests.Errors;

/// <summary>Which routing failures <see cref="RoutingException.IsTransient"/> calls worth retrying as is.</summary>
public class TransienceTests
{
    [Theory]
    [InlineData(4, true)] // EINTR: a dump interrupted on every attempt
    [InlineData(11, true)] // EAGAIN
    [InlineData(16, true)] // EBUSY
    [InlineData(105, true)] // ENOBUFS
    [InlineData(1, false)] // EPERM
    [InlineData(2, false)] // ENOENT
    [InlineData(17, false)] // EEXIST
    [InlineData(19, false)] // ENODEV
    public void A_kernel_refusal_is_transient_only_for_the_errnos_that_mean_not_now(int errno, bool transient)
    {
        var refusal = new NetlinkException(errno, "add route 203.0.113.0/24 dev tep0", null);

        Assert.Equal(transient, refusal.IsTransient);
        Assert.Equal(transient, new RoutingExecutionException(null, [], [], refusal).IsTransient);
    }

    [Fact]
    public void A_netlink_timeout_is_a_transient_NetlinkException_whose_inner_exception_is_a_TimeoutException()
    {
        var timeout = new NetlinkTimeoutException("list links", TimeSpan.FromSeconds(10), new OperationCanceledException());

        Assert.True(timeout.IsTransient);
        Assert.Equal(110, timeout.Errno);
        Assert.Equal("list links", timeout.Operation);
        Assert.Equal(TimeSpan.FromSeconds(10), timeout.Timeout);
        TimeoutException inner = Assert.IsType<TimeoutException>(timeout.InnerException);
        Assert.IsType<OperationCanceledException>(inner.InnerException);
        Assert.Contains("no answer from the kernel within 00:00:10", timeout.Message, StringComparison.Ordinal);
        Assert.True(new RoutingExecutionException(null, [], [], timeout).IsTransient);
    }

    [Fact]
    public void Conflicts_and_plain_routing_exceptions_are_not_transient()
    {
        Assert.False(new RoutingConflictException([]).IsTransient);
        Assert.False(new RoutingException("x").IsTransient);
        Assert.False(new RoutingExecutionException(null, [], [], new IOException("disk full")).IsTransient);
    }
}
