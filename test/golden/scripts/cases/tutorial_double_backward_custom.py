# "Double Backward with Custom Functions" (PyTorch tutorial) as written: Cube, saving dx (gradgradcheck
# fails, its message), a backward that calls another Function, Sinh saving intermediates as outputs, Exp
# saving its result, and the bad Sinh that keeps tensors on ctx
import torch
torch.manual_seed(0)

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = x ** 3
        # In regular mode, we would save x and return result
        ctx.save_for_backward(x)
        return result

    @staticmethod
    def backward(ctx, grad_out):
        x, = ctx.saved_tensors
        # We return the gradient w.r.t. x
        return grad_out * 3 * x ** 2

x = torch.tensor(1., requires_grad=True, dtype=torch.double)
y = Cube.apply(x)
print(y)
grad_x, = torch.autograd.grad(y, x, create_graph=True)
print(grad_x, grad_x.grad_fn.name())
ggx, = torch.autograd.grad(grad_x, x)
print(ggx)
x = torch.randn(2, 2, requires_grad=True, dtype=torch.double)
print(torch.autograd.gradcheck(Cube.apply, x))
print(torch.autograd.gradgradcheck(Cube.apply, x))

class Cube2(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        # We wish to save dx instead of x
        dx = 3 * x ** 2
        result = x ** 3
        ctx.save_for_backward(dx)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        dx, = ctx.saved_tensors
        # In order for the autograd.Function to work with higher-order
        # gradients, we must add the gradient contribution of `dx`.
        result = grad_output * dx
        return result

x = torch.randn(2, 2, requires_grad=True, dtype=torch.double)
print(torch.autograd.gradcheck(Cube2.apply, x))
try:
    torch.autograd.gradgradcheck(Cube2.apply, x)
except Exception as e:
    print(type(e).__name__, e)
print(torch.autograd.gradgradcheck(Cube2.apply, x, raise_exception=False))

def cube_forward(x):
    return x**3

def cube_backward(grad_out, x):
    return grad_out * 3 * x**2

def cube_backward_backward(grad_out, sav_grad_out, x):
    return grad_out * sav_grad_out * 6 * x

def cube_backward_backward_grad_out(grad_out, x):
    return grad_out * 3 * x**2

class Cube3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return cube_forward(x)

    @staticmethod
    def backward(ctx, grad_out):
        x, = ctx.saved_tensors
        return CubeBackward.apply(grad_out, x)

class CubeBackward(torch.autograd.Function):
    @staticmethod
    def forward(ctx, grad_out, x):
        ctx.save_for_backward(x, grad_out)
        return cube_backward(grad_out, x)

    @staticmethod
    def backward(ctx, grad_out):
        x, sav_grad_out = ctx.saved_tensors
        dx = cube_backward_backward(grad_out, sav_grad_out, x)
        dgrad_out = cube_backward_backward_grad_out(grad_out, x)
        return dgrad_out, dx

x = torch.tensor(2., requires_grad=True, dtype=torch.double)
print(torch.autograd.gradcheck(Cube3.apply, x))
print(torch.autograd.gradgradcheck(Cube3.apply, x))
y = Cube3.apply(x)
g, = torch.autograd.grad(y, x, create_graph=True)
print(g, g.grad_fn.name(), type(g.grad_fn).__name__)
gg, = torch.autograd.grad(g, x, create_graph=True)
print(gg, gg.grad_fn.name())

class Sinh(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        expx = torch.exp(x)
        expnegx = torch.exp(-x)
        ctx.save_for_backward(expx, expnegx)
        # In order to be able to save the intermediate results, a trick is to
        # include them as our outputs, so that the backward graph is constructed
        return (expx - expnegx) / 2, expx, expnegx

    @staticmethod
    def backward(ctx, grad_out, _grad_out_exp, _grad_out_negexp):
        expx, expnegx = ctx.saved_tensors
        grad_input = grad_out * (expx + expnegx) / 2
        # We cannot skip accumulating these even though we won't use the outputs
        # directly. They will be used later in the second backward.
        grad_input += _grad_out_exp * expx
        grad_input -= _grad_out_negexp * expnegx
        return grad_input

def sinh(x):
    # Create a wrapper that only returns the first output
    return Sinh.apply(x)[0]

x = torch.rand(3, 3, requires_grad=True, dtype=torch.double)
print(torch.autograd.gradcheck(sinh, x))
print(torch.autograd.gradgradcheck(sinh, x))

class Exp(torch.autograd.Function):
    # Simple case where everything goes well
    @staticmethod
    def forward(ctx, x):
        # This time we save the output
        result = torch.exp(x)
        # Note that we should use `save_for_backward` here when
        # the tensor saved is an ouptut (or an input).
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_out):
        result, = ctx.saved_tensors
        return result * grad_out

x = torch.tensor(1., requires_grad=True, dtype=torch.double).clone()
# Validate our gradients using gradcheck
print(torch.autograd.gradcheck(Exp.apply, x))
print(torch.autograd.gradgradcheck(Exp.apply, x))

class SinhBad(torch.autograd.Function):
    # This is an example of what NOT to do!
    @staticmethod
    def forward(ctx, x):
        expx = torch.exp(x)
        expnegx = torch.exp(-x)
        ctx.expx = expx
        ctx.expnegx = expnegx
        return (expx - expnegx) / 2

    @staticmethod
    def backward(ctx, grad_out):
        expx = ctx.expx
        expnegx = ctx.expnegx
        grad_input = grad_out * (expx + expnegx) / 2
        return grad_input

x = torch.rand(3, 3, requires_grad=True, dtype=torch.double)
print(torch.autograd.gradcheck(SinhBad.apply, x))
try:
    torch.autograd.gradgradcheck(SinhBad.apply, x)
except Exception as e:
    print(type(e).__name__, e)
