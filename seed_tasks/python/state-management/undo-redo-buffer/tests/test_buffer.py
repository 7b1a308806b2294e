import pytest
from hypothesis import given, settings, strategies as st

from solution import TextBuffer


def test_examples():
    b = TextBuffer("hello")
    b.insert(5, " world")
    b.delete(0, 1)
    assert b.text == "ello world"
    assert b.undo() and b.text == "hello world"
    assert b.undo() and b.text == "hello"
    assert not b.undo() and b.text == "hello"
    assert b.redo() and b.text == "hello world"
    b.insert(0, ">")
    assert not b.redo()
    assert b.text == ">hello world"
    b.insert(0, "")
    b.delete(len(b.text), 0)
    assert b.undo() and b.undo() and b.text == ">hello world"


@pytest.mark.parametrize("call", [
    lambda b: b.insert(-1, "x"), lambda b: b.insert(4, "x"),
    lambda b: b.delete(-1, 1), lambda b: b.delete(0, -1), lambda b: b.delete(2, 2),
])
def test_out_of_range(call):
    b = TextBuffer("abc")
    with pytest.raises(IndexError):
        call(b)
    assert b.text == "abc"
    assert not b.undo()


def test_limit():
    b = TextBuffer("", limit=2)
    for ch in "xyz":
        b.insert(len(b.text), ch)
    assert b.undo() and b.undo()
    assert not b.undo()
    assert b.text == "x"


edit = st.one_of(
    st.tuples(st.just("ins"), st.integers(0, 8), st.text("ab", max_size=3)),
    st.tuples(st.just("del"), st.integers(0, 8), st.integers(0, 3)),
    st.tuples(st.just("undo"), st.just(0), st.just(0)),
    st.tuples(st.just("redo"), st.just(0), st.just(0)),
)


@settings(max_examples=150)
@given(st.text("xy", max_size=4), st.integers(1, 4), st.lists(edit, max_size=20))
def test_model(start, limit, ops):
    b = TextBuffer(start, limit)
    text, undo, redo = start, [], []
    for op, a, c in ops:
        if op == "ins":
            if a <= len(text):
                b.insert(a, c)
                undo, redo, text = (undo + [text])[-limit:], [], text[:a] + c + text[a:]
            else:
                with pytest.raises(IndexError):
                    b.insert(a, c)
        elif op == "del":
            if a + c <= len(text):
                b.delete(a, c)
                undo, redo, text = (undo + [text])[-limit:], [], text[:a] + text[a + c:]
            else:
                with pytest.raises(IndexError):
                    b.delete(a, c)
        elif op == "undo":
            assert b.undo() == bool(undo)
            if undo:
                redo.append(text)
                text = undo.pop()
        else:
            assert b.redo() == bool(redo)
            if redo:
                undo.append(text)
                text = redo.pop()
        assert b.text == text
