using Corral.Cli.Interactive.LineEditing;

namespace Corral.Cli.Tests.Interactive;

public sealed class LineEditorTests
{
    [Fact]
    public void Typed_characters_are_inserted_at_the_cursor()
    {
        var editor = Editor();
        Type(editor, "helo");
        Press(editor, ConsoleKey.LeftArrow);
        Type(editor, "l");
        Assert.Equal(("hello", 4), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void Home_End_Ctrl_A_Ctrl_E_and_arrows_move_within_the_line()
    {
        var editor = Editor();
        Type(editor, "abc");
        Press(editor, ConsoleKey.Home);
        Assert.Equal(0, editor.Cursor);
        Press(editor, ConsoleKey.LeftArrow);
        Assert.Equal(0, editor.Cursor);
        Press(editor, ConsoleKey.End);
        Assert.Equal(3, editor.Cursor);
        Press(editor, ConsoleKey.RightArrow);
        Assert.Equal(3, editor.Cursor);
        Ctrl(editor, 'A');
        Assert.Equal(0, editor.Cursor);
        Ctrl(editor, 'E');
        Assert.Equal(3, editor.Cursor);
    }

    [Fact]
    public void Backspace_and_Delete_remove_around_the_cursor()
    {
        var editor = Editor();
        Type(editor, "abcd");
        Press(editor, ConsoleKey.LeftArrow);
        Press(editor, ConsoleKey.LeftArrow);
        Press(editor, ConsoleKey.Backspace);
        Assert.Equal(("acd", 1), (editor.Text, editor.Cursor));
        Press(editor, ConsoleKey.Delete);
        Assert.Equal(("ad", 1), (editor.Text, editor.Cursor));
        Press(editor, ConsoleKey.Home);
        Press(editor, ConsoleKey.Backspace);
        Assert.Equal(("ad", 0), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void Ctrl_U_kills_before_the_cursor_and_Ctrl_K_after_it()
    {
        var editor = Editor();
        Type(editor, "one two three");
        Ctrl(editor, 'A');
        for (var i = 0; i < 4; i++)
        {
            Press(editor, ConsoleKey.RightArrow);
        }

        Ctrl(editor, 'U');
        Assert.Equal(("two three", 0), (editor.Text, editor.Cursor));
        Press(editor, ConsoleKey.RightArrow);
        Press(editor, ConsoleKey.RightArrow);
        Press(editor, ConsoleKey.RightArrow);
        Ctrl(editor, 'K');
        Assert.Equal(("two", 3), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void Ctrl_W_kills_the_word_and_the_spaces_before_the_cursor()
    {
        var editor = Editor();
        Type(editor, "why is the sky  ");
        Ctrl(editor, 'W');
        Assert.Equal(("why is the ", 11), (editor.Text, editor.Cursor));
        Ctrl(editor, 'W');
        Assert.Equal("why is ", editor.Text);
    }

    [Fact]
    public void Control_characters_without_a_modifier_are_read_as_Ctrl_keys()
    {
        var editor = Editor();
        Type(editor, "abc");
        editor.Apply(new ConsoleKeyInfo('\x01', default, false, false, false));
        Assert.Equal(0, editor.Cursor);
        Assert.Equal(LineEdit.Interrupt, editor.Apply(new ConsoleKeyInfo('\x03', default, false, false, false)));
    }

    [Fact]
    public void Up_and_Down_walk_the_history_and_keep_the_line_being_typed()
    {
        var editor = Editor("first", "second");
        Type(editor, "draft");
        Press(editor, ConsoleKey.UpArrow);
        Assert.Equal(("second", 6), (editor.Text, editor.Cursor));
        Press(editor, ConsoleKey.UpArrow);
        Assert.Equal("first", editor.Text);
        Press(editor, ConsoleKey.UpArrow);
        Assert.Equal("first", editor.Text);
        Press(editor, ConsoleKey.DownArrow);
        Assert.Equal("second", editor.Text);
        Press(editor, ConsoleKey.DownArrow);
        Assert.Equal(("draft", 5), (editor.Text, editor.Cursor));
        Press(editor, ConsoleKey.DownArrow);
        Assert.Equal("draft", editor.Text);
    }

    [Fact]
    public void A_recalled_line_can_be_edited_and_submitted()
    {
        var editor = Editor("why is the sky blue");
        Press(editor, ConsoleKey.UpArrow);
        Ctrl(editor, 'W');
        Type(editor, "green");
        Assert.Equal("why is the sky green", editor.Text);
        Assert.Equal(LineEdit.Submit, Press(editor, ConsoleKey.Enter));
    }

    [Fact]
    public void Ctrl_D_ends_input_only_on_an_empty_line_and_deletes_otherwise()
    {
        var editor = Editor();
        Type(editor, "ab");
        Ctrl(editor, 'A');
        Assert.Equal(LineEdit.Changed, Ctrl(editor, 'D'));
        Assert.Equal("b", editor.Text);
        Ctrl(editor, 'D');
        Assert.Equal(LineEdit.EndOfInput, Ctrl(editor, 'D'));
    }

    [Fact]
    public void Ctrl_C_interrupts_and_Ctrl_L_clears_the_screen_keeping_the_line()
    {
        var editor = Editor();
        Type(editor, "half");
        Assert.Equal(LineEdit.ClearScreen, Ctrl(editor, 'L'));
        Assert.Equal("half", editor.Text);
        Assert.Equal(LineEdit.Interrupt, Ctrl(editor, 'C'));
    }

    private static LineEditor Editor(params string[] history) => new(history);

    private static void Type(LineEditor editor, string text)
    {
        foreach (var c in text)
        {
            Assert.Equal(LineEdit.Changed, editor.Apply(new ConsoleKeyInfo(c, default, false, false, false)));
        }
    }

    private static LineEdit Press(LineEditor editor, ConsoleKey key) =>
        editor.Apply(new ConsoleKeyInfo(key == ConsoleKey.Enter ? '\r' : '\0', key, false, false, false));

    private static LineEdit Ctrl(LineEditor editor, char letter) =>
        editor.Apply(new ConsoleKeyInfo((char)(letter - 'A' + 1), ConsoleKey.A + (letter - 'A'), false, false, control: true));
}
