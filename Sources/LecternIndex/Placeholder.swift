public enum LecternIndexPlaceholder {}
